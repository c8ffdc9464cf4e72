import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formattedBlocks } from './formatted-text.js';

const plain = (text: string) => [{ text, strong: false, em: false }];

test('TRK-01: an introduction reads as paragraphs, numbered lists with sub-bullets, and emphasis', () => {
  const blocks = formattedBlocks(
    [
      'The plan answers six issues.',
      'It was agreed in *March*.',
      '',
      '1. Issues of **trust**',
      '    - stop and search',
      '    - complaints',
      '2. Recruitment',
      '',
      'Terms of reference follow.',
    ].join('\n'),
  );
  assert.deepEqual(blocks, [
    {
      kind: 'paragraph',
      runs: [
        { text: 'The plan answers six issues. It was agreed in ', strong: false, em: false },
        { text: 'March', strong: false, em: true },
        { text: '.', strong: false, em: false },
      ],
    },
    {
      kind: 'list',
      ordered: true,
      items: [
        {
          number: 1,
          blocks: [
            {
              kind: 'paragraph',
              runs: [
                { text: 'Issues of ', strong: false, em: false },
                { text: 'trust', strong: true, em: false },
              ],
            },
            {
              kind: 'list',
              ordered: false,
              items: [
                { number: null, blocks: [{ kind: 'paragraph', runs: plain('stop and search') }] },
                { number: null, blocks: [{ kind: 'paragraph', runs: plain('complaints') }] },
              ],
            },
          ],
        },
        { number: 2, blocks: [{ kind: 'paragraph', runs: plain('Recruitment') }] },
      ],
    },
    { kind: 'paragraph', runs: plain('Terms of reference follow.') },
  ]);
});

test('TRK-01: HTML, links and headings typed in stay words; a list may start at any number', () => {
  assert.deepEqual(formattedBlocks('<script>alert(1)</script> [a](http://x) # Not a heading'), [
    {
      kind: 'paragraph',
      runs: plain('<script>alert(1)</script> [a](http://x) # Not a heading'),
    },
  ]);
  assert.deepEqual(formattedBlocks('# Title'), [{ kind: 'paragraph', runs: plain('# Title') }]);
  assert.deepEqual(formattedBlocks('4. Fourth\n5. Fifth'), [
    {
      kind: 'list',
      ordered: true,
      items: [
        { number: 4, blocks: [{ kind: 'paragraph', runs: plain('Fourth') }] },
        { number: 5, blocks: [{ kind: 'paragraph', runs: plain('Fifth') }] },
      ],
    },
  ]);
  assert.deepEqual(formattedBlocks('  \n'), []);
  assert.deepEqual(formattedBlocks(null), []);
});
