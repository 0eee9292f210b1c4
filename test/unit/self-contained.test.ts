import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A user's clone has nothing beside it: no tracked file may reach outside the repository. */
const root = path.resolve(__dirname, '../..');
// Assembled from parts, so that this file does not contain the path it looks for.
const SIBLING = ['shar', 'ed'].join('');
const OUTSIDE = new RegExp(`\\.\\./${SIBLING}\\b|/${SIBLING}/standards`);

describe('the repository is self-contained', () => {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file.length > 0);

  test('no tracked file refers to a folder beside the repository', () => {
    const offenders = tracked.filter((file) => {
      try {
        return OUTSIDE.test(readFileSync(path.join(root, file), 'utf8'));
      } catch {
        return false; // deleted in the work tree, or not a readable file
      }
    });
    expect(offenders).toEqual([]);
  });

  test('the CAP 1.2 schema is vendored with its OASIS notice', () => {
    const xsd = readFileSync(path.join(root, 'standards/CAP-v1.2.xsd'), 'utf8');
    expect(xsd).toContain('Copyright OASIS Open 2010');
    expect(xsd).toContain('urn:oasis:names:tc:emergency:cap:1.2');
  });
});
