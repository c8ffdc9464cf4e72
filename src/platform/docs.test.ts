/**
 * The repository stands alone (issue 22): every relative link in README.md and docs/ leads to a
 * file or folder inside the repository, so a clone without its sibling folders reads whole.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve('.');

/** The Markdown files whose links are checked: README.md and everything under docs/. */
function markdownFiles(): string[] {
  const found = [path.join(root, 'README.md')];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) found.push(full);
    }
  };
  walk(path.join(root, 'docs'));
  return found;
}

/** The targets of inline links and link definitions, leaving out code blocks and code spans. */
function linkTargets(markdown: string): string[] {
  const prose = markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/`[^`\n]*`/g, '');
  const targets: string[] = [];
  for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    targets.push(match[1]!);
  }
  for (const match of prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) {
    targets.push(match[1]!);
  }
  return targets;
}

/** What is wrong with a link from `file`, or undefined when it leads somewhere in the repository. */
function linkProblem(file: string, target: string, repository = root): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return undefined;
  if (target.startsWith('/')) return 'an absolute path: link relative to the file instead';
  const relative = decodeURIComponent(target.replace(/[#?].*$/, ''));
  const resolved = path.resolve(path.dirname(file), relative);
  const inside = path.relative(repository, resolved);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return 'outside the repository';
  if (!existsSync(resolved)) return 'no such file or folder';
  return undefined;
}

test('the link check finds links to outside the repository and to files that are not there', () => {
  const file = path.join(root, 'README.md');
  const markdown = [
    'From [the seeds](../shared/seeds) and [the domain](docs/domain.md#who-uses-bridge).',
    '[missing]: docs/no-such-page.md',
    'Not links: `[code](../elsewhere)`, [a page](http://localhost:3000/x), [here](#top).',
    '```',
    '[in a code block](../elsewhere)',
    '```',
  ].join('\n');
  const targets = linkTargets(markdown);
  assert.deepEqual(targets, [
    '../shared/seeds',
    'docs/domain.md#who-uses-bridge',
    'http://localhost:3000/x',
    '#top',
    'docs/no-such-page.md',
  ]);
  assert.deepEqual(
    targets.map((target) => linkProblem(file, target)),
    ['outside the repository', undefined, undefined, undefined, 'no such file or folder'],
  );
});

test('README.md and docs/ link only to files and folders inside the repository', () => {
  const problems: string[] = [];
  let checked = 0;
  for (const file of markdownFiles()) {
    for (const target of linkTargets(readFileSync(file, 'utf8'))) {
      checked += 1;
      const problem = linkProblem(file, target);
      if (problem) problems.push(`${path.relative(root, file)}: ${target} (${problem})`);
    }
  }
  assert.ok(checked > 20, `only ${checked} links found: is the link pattern still right?`);
  assert.deepEqual(problems, []);
});
