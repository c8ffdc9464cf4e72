import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { rememberFrameNameParts } from './template-frames.js';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const govukDir = path.resolve(srcDir, '../node_modules/govuk-frontend/dist');

// What frames do: loop variables, nested loops, a set inside a loop and inside an if, a
// captured set, macros with defaults, and a GOV.UK component that sets many names.
const TEMPLATES = [
  `{% for a in [1, 2, 3] %}{{ loop.index }}/{{ loop.length }}{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %}{% for b in ["x", "y"] %}[{{ loop.index0 }}{{ b }}{{ a }}]{% endfor %}{% endfor %}`,
  `{% set n = 1 %}{% for a in [1, 2] %}{% set n = n + a %}{{ n }}{% endfor %}:{{ n }}`,
  `{% set n = 1 %}{% if true %}{% set n = 5 %}{% endif %}{{ n }}`,
  `{% set html %}<b>{{ name }}</b>{% endset %}{{ html }}|{{ name }}`,
  `{% macro m(a, b = "two") %}{% set c = a + b %}{{ c }}{% endmacro %}{{ m("one") }}{{ m("un", "deux") }}{% for i in [1] %}{{ m(i, loop.index) }}{% endfor %}`,
  `{% from "govuk/components/checkboxes/macro.njk" import govukCheckboxes %}{{ govukCheckboxes({ name: "who", items: [{ value: "a", text: "A", hint: { text: "First" } }, { value: "b", text: "B", checked: true }], errorMessage: { text: "Choose" } }) }}`,
];

function renderAll(): string[] {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([srcDir, govukDir]), {
    autoescape: true,
  });
  return TEMPLATES.map((t) => env.renderString(t, { name: 'Ada <Lovelace>' }));
}

test('frames remember the parts of names, and every template renders exactly as before', () => {
  const before = renderAll();
  rememberFrameNameParts();
  rememberFrameNameParts(); // once only, however often it is asked
  assert.deepEqual(renderAll(), before);
  assert.equal(before[0], '1/3F[0x1][1y1]2/3[0x2][1y2]3/3L[0x3][1y3]');
  assert.equal(before[2], '5');
  assert.match(before[5]!, /value="b" checked/);
});
