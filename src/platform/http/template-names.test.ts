import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import nunjucks from 'nunjucks';
import { memoizeRelativeNames } from './template-names.js';

test('relative template names are worked out once per pair, and give the same pages', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bridge-templates-'));
  try {
    for (const name of ['tag', 'button']) {
      mkdirSync(path.join(dir, name));
      writeFileSync(
        path.join(dir, name, 'macro.njk'),
        `{% macro show(text) %}{% include "./template.njk" %}{% endmacro %}`,
      );
      writeFileSync(path.join(dir, name, 'template.njk'), `<${name}>{{ text }}</${name}>`);
    }
    writeFileSync(
      path.join(dir, 'page.njk'),
      `{% from "tag/macro.njk" import show as tag %}{% from "button/macro.njk" import show as button %}` +
        `{% for t in items %}{{ tag(t) }}{% endfor %}{{ button("Save") }}`,
    );
    const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir));
    const loader = (env as unknown as { loaders: { resolve(a: string, b: string): string }[] })
      .loaders[0]!;
    let worked = 0;
    const original = loader.resolve.bind(loader);
    loader.resolve = (from, to) => {
      worked++;
      return original(from, to);
    };
    const plain = env.render('page.njk', { items: ['a', 'b', 'c'] });
    const before = worked;
    memoizeRelativeNames(env);
    worked = 0;
    assert.equal(env.render('page.njk', { items: ['a', 'b', 'c'] }), plain);
    assert.equal(
      env.render('page.njk', { items: ['d', 'e'] }),
      plain.replace('<tag>a</tag><tag>b</tag><tag>c</tag>', '<tag>d</tag><tag>e</tag>'),
    );
    assert.equal(plain, '<tag>a</tag><tag>b</tag><tag>c</tag><button>Save</button>');
    // Unremembered, each include worked its name out each time; remembered, once per pair.
    assert.ok(before >= 4, `expected one resolution per include, got ${before}`);
    assert.equal(worked, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
