import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseShard, shardOf } from '../../server/src/cli/shard';
import { quickClientId } from '../../server/src/core/record/clientIds';
import { UsageError } from '../../server/src/cli/usage';
import { soapnote, tempDir } from './run';
import { mixedCorpus, writeCorpus } from './scaleCorpus';

interface JsonReport {
  files: { path: string; findings: unknown[] }[];
  summary: { files: number };
}

/** The client line of a note as written (undefined when it has none on one line). */
function clientOf(dir: string, path: string): string | undefined {
  return /^client:[ \t]*(\S+)/m.exec(readFileSync(join(dir, path), 'latin1'))?.[1]?.toLowerCase().replace(/[^a-z0-9]/g, '');
}

describe('soapnote check --shard I/N', function () {
  this.timeout(600_000);
  let dir: string;
  let all: JsonReport;
  let shards: JsonReport[];
  const N = 4;

  before(() => {
    dir = tempDir();
    writeCorpus(dir, mixedCorpus(400));
    all = JSON.parse(soapnote(['check', '--format', 'json'], dir).stdout) as JsonReport;
    shards = Array.from({ length: N }, (_, i) => JSON.parse(soapnote(['check', '--format', 'json', '--shard', `${i + 1}/${N}`], dir).stdout) as JsonReport);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the shards partition the files: union = all, no overlap, none empty', () => {
    const seen = new Map<string, number>();
    shards.forEach((shard, i) => {
      assert.ok(shard.summary.files > 0, `shard ${i + 1} is empty`);
      for (const file of shard.files) {
        assert.ok(!seen.has(file.path), `${file.path} is in shards ${seen.get(file.path)} and ${i + 1}`);
        seen.set(file.path, i + 1);
      }
    });
    assert.deepEqual([...seen.keys()].sort(), all.files.map((f) => f.path).sort());
    assert.equal(shards.reduce((n, s) => n + s.summary.files, 0), all.summary.files);
  });

  it('each client is in exactly one shard (ids typed alike too)', () => {
    const shardOfClient = new Map<string, Set<number>>();
    shards.forEach((shard, i) => {
      for (const file of shard.files) {
        const client = clientOf(dir, file.path);
        if (client) {
          shardOfClient.set(client, (shardOfClient.get(client) ?? new Set()).add(i + 1));
        }
      }
    });
    assert.ok(shardOfClient.size > 50);
    for (const [client, where] of shardOfClient) {
      assert.equal(where.size, 1, `client ${client} is split over shards ${[...where].join(', ')}`);
    }
  });

  it("each shard's findings equal the unsharded run's for the same files (the record reads every earlier note)", () => {
    const expected = new Map(all.files.map((f) => [f.path, JSON.stringify(f.findings)]));
    for (const shard of shards) {
      for (const file of shard.files) {
        assert.equal(JSON.stringify(file.findings), expected.get(file.path), file.path);
      }
    }
  });

  it('shards are stable as notes are added: an existing note never moves', () => {
    const before = new Map(shards.flatMap((shard, i) => shard.files.map((f) => [f.path, i + 1] as const)));
    writeFileSync(join(dir, 'clinic-b', 'added.soap.yaml'), 'soapnote: 1\nclient: C-7777\ndate: 2026-10-01\n');
    const owner = Array.from({ length: N }, (_, i) => JSON.parse(soapnote(['check', '--format', 'json', '--shard', `${i + 1}/${N}`], dir).stdout) as JsonReport);
    owner.forEach((shard, i) => {
      for (const file of shard.files) {
        if (before.has(file.path)) {
          assert.equal(before.get(file.path), i + 1, file.path);
        }
      }
    });
    assert.equal(owner.filter((s) => s.files.some((f) => f.path.endsWith('added.soap.yaml'))).length, 1);
  });

  it('SARIF per shard names its own automationDetails.id (a code scanning category each)', () => {
    const ids = [1, 2].map((i) => (JSON.parse(soapnote(['check', '--format', 'sarif', '--shard', `${i}/${N}`], dir).stdout) as { runs: { automationDetails?: { id: string } }[] }).runs[0]?.automationDetails?.id);
    assert.deepEqual(ids, ['soapnote/shard-1-of-4/', 'soapnote/shard-2-of-4/']);
    const unsharded = JSON.parse(soapnote(['check', 'clinic-a', '--format', 'sarif'], dir).stdout) as { runs: { automationDetails?: unknown }[] };
    assert.equal(unsharded.runs[0]?.automationDetails, undefined);
  });

  it('bad values exit 2 with a plain message', () => {
    for (const bad of ['0/4', '5/4', 'x', '1/0', '2', '1/4/2', '-1/4']) {
      const result = soapnote(['check', `--shard=${bad}`], dir);
      assert.equal(result.code, 2, bad);
      assert.match(result.stderr, /--shard takes i\/n with 1 <= i <= n/, bad);
    }
  });
});

describe('parseShard / shardOf', () => {
  it('parses i/n and refuses the rest', () => {
    assert.deepEqual(parseShard('3/8'), { index: 3, count: 8 });
    for (const bad of ['0/1', '2/1', 'a/b', '', '1/']) {
      assert.throws(() => parseShard(bad), UsageError, bad);
    }
  });
  it('puts ids typed alike together; a note without a readable client line goes by its path', () => {
    const a = shardOf('/w/a.soap.yaml', quickClientId('client: C-0142\n'), '/w', 16);
    assert.equal(shardOf('/w/b.soap.yaml', quickClientId('client: c 142\n'), '/w', 16), a);
    assert.equal(shardOf('/w/x/c.soap.yaml', quickClientId('client:\n  C-1\n'), '/w', 16), shardOf('/v/x/c.soap.yaml', undefined, '/v', 16));
  });
});
