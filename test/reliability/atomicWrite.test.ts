import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeWriterFs, writeFileAtomic, WriteError, type WriterFs } from '../../server/src/node/atomicWrite';
import { repoRoot } from '../unit/repoRoot';

const BIN = join(repoRoot(), 'bin', 'soapnote.js');
const EXAMPLE = readFileSync(join(repoRoot(), 'examples', 'clean', 'C-0142-2026-09-15.soap.yaml'), 'utf8');

/** An error as Node's fs raises it. */
function fsError(code: string): Error {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/** The real file system with one function replaced. */
function injected(overrides: Partial<WriterFs>): WriterFs {
  return { ...nodeWriterFs, ...overrides };
}

/** Asserts `run` throws a WriteError whose message matches, and returns the message. */
function writeFails(run: () => void, message: RegExp): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof WriteError, `a WriteError, not ${String(error)}`);
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /internal error|\n\s+at /);
    return error.message;
  }
  assert.fail('the write did not fail');
}

/** A note of about `size` bytes that checks clean: the example after a long comment (the clinic's intake text). */
function bigNote(size: number): string {
  const line = '# Intake form copied in: stiffness in the morning and evening, at work and at home.\n';
  return line.repeat(Math.ceil(Math.max(0, size - EXAMPLE.length) / line.length)) + EXAMPLE;
}

function cli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('reliability: the atomic writer never loses data', function () {
  this.timeout(60_000);
  let dir: string;
  let note: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'soapnote-writer-'));
    note = join(dir, 'visit.soap.yaml');
    writeFileSync(note, 'the original note\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Only the note is left in the folder: no temp file. */
  const onlyTheNote = (): void => assert.deepEqual(readdirSync(dir), ['visit.soap.yaml']);

  for (const chunk of [1, 7, 4096]) {
    it(`writes every byte when the disk takes at most ${chunk} byte(s) per write`, () => {
      const text = `${'ÿ 日本 '.repeat(3000)}\n`;
      let calls = 0;
      writeFileAtomic(note, text, {
        fs: injected({
          write: (fd, buffer, offset, length) => {
            calls++;
            return nodeWriterFs.write(fd, buffer, offset, Math.min(length, chunk));
          },
        }),
      });
      assert.equal(readFileSync(note, 'utf8'), text);
      assert.ok(calls >= Math.ceil(Buffer.byteLength(text) / chunk), `${calls} write calls`);
      onlyTheNote();
    });
  }

  it('a write that makes no progress is "disk full", never an endless loop or a short file', () => {
    let calls = 0;
    writeFails(() => writeFileAtomic(note, 'new content that will not fit\n', { fs: injected({ write: () => (calls++ === 0 ? 3 : 0) }) }), /disk full; the file was left exactly as it was/);
    assert.equal(readFileSync(note, 'utf8'), 'the original note\n');
    onlyTheNote();
  });

  const failures: { step: keyof WriterFs; code: string; message: RegExp }[] = [
    { step: 'open', code: 'EACCES', message: /permission denied/ },
    { step: 'open', code: 'EROFS', message: /read-only file system/ },
    { step: 'write', code: 'ENOSPC', message: /disk full/ },
    { step: 'write', code: 'EDQUOT', message: /disk full/ },
    { step: 'write', code: 'EIO', message: /input\/output error/ },
    { step: 'fchmod', code: 'EPERM', message: /permission denied/ },
    { step: 'fsync', code: 'EIO', message: /input\/output error/ },
    { step: 'close', code: 'EIO', message: /input\/output error/ },
    { step: 'rename', code: 'EACCES', message: /permission denied/ },
    { step: 'rename', code: 'EROFS', message: /read-only file system/ },
  ];
  for (const { step, code, message } of failures) {
    it(`${code} at ${step}: a plain message, the original untouched, no temp file left`, () => {
      let failed = false;
      const fail = (): never => {
        failed = true;
        throw fsError(code);
      };
      const fs = injected({ [step]: fail });
      const text = writeFails(() => writeFileAtomic(note, 'a new, complete note\n', { fs }), message);
      assert.ok(failed, 'the injected failure happened');
      assert.match(text, /the file was left exactly as it was/);
      assert.equal(readFileSync(note, 'utf8'), 'the original note\n');
      onlyTheNote();
    });
  }

  it('refuses a read-only note by its mode bits (root included), leaving it untouched', () => {
    chmodSync(note, 0o444);
    writeFails(() => writeFileAtomic(note, 'changed\n'), /read-only file/);
    assert.equal(readFileSync(note, 'utf8'), 'the original note\n');
    onlyTheNote();
  });

  it('keeps the note permissions exactly, whatever the umask', () => {
    chmodSync(note, 0o664);
    const old = process.umask(0o077);
    try {
      writeFileAtomic(note, 'changed\n');
    } finally {
      process.umask(old);
    }
    assert.equal(statSync(note).mode & 0o777, 0o664);
  });

  it('writes through a symbolic link: the target changes, the link stays a link', () => {
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'visit.soap.yaml');
    writeFileSync(target, 'the original note\n');
    rmSync(note);
    symlinkSync(join('real', 'visit.soap.yaml'), note);
    writeFileAtomic(note, 'changed\n');
    assert.ok(lstatSync(note).isSymbolicLink());
    assert.equal(readlinkSync(note), join('real', 'visit.soap.yaml'));
    assert.equal(readFileSync(target, 'utf8'), 'changed\n');
    assert.deepEqual(readdirSync(join(dir, 'real')), ['visit.soap.yaml']);
  });

  it('noOverwrite never replaces a file, even one created after the check', () => {
    writeFails(() => writeFileAtomic(note, 'changed\n', { noOverwrite: true }), /already exists/);
    const fresh = join(dir, 'new.soap.yaml');
    // Another process creates the file between the writer's check and its link: still not overwritten.
    const fs = injected({ link: (from, to) => (writeFileSync(to, 'theirs\n'), nodeWriterFs.link(from, to)) });
    writeFails(() => writeFileAtomic(fresh, 'mine\n', { noOverwrite: true, fs }), /already exists/);
    assert.equal(readFileSync(fresh, 'utf8'), 'theirs\n');
    assert.deepEqual(readdirSync(dir).sort(), ['new.soap.yaml', 'visit.soap.yaml']);
  });

  it('a failing beforeRename (a lost lock) aborts the write', () => {
    writeFails(
      () =>
        writeFileAtomic(note, 'changed\n', {
          beforeRename: () => {
            throw new WriteError('lock lost');
          },
        }),
      /lock lost/,
    );
    assert.equal(readFileSync(note, 'utf8'), 'the original note\n');
    onlyTheNote();
  });

  describe('on a real, nearly full disk (a 64 KB tmpfs)', function () {
    let mount: string | undefined;
    before(function () {
      if (process.platform !== 'linux' || process.getuid?.() !== 0) {
        console.log('      skipped: mounting a small tmpfs needs root on Linux');
        this.skip();
      }
      const point = mkdtempSync(join(tmpdir(), 'soapnote-fulldisk-'));
      const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', point], { encoding: 'utf8' });
      if (mounted.status !== 0) {
        rmSync(point, { recursive: true, force: true });
        console.log(`      skipped: cannot mount a tmpfs here (${(mounted.stderr || mounted.error?.message || '').trim()})`);
        this.skip();
      }
      mount = point;
    });
    after(() => {
      if (mount) {
        spawnSync('umount', [mount]);
        rmSync(mount, { recursive: true, force: true });
      }
    });
    afterEach(() => {
      for (const name of mount ? readdirSync(mount) : []) {
        rmSync(join(mount ?? '', name), { recursive: true, force: true });
      }
    });

    it('writeFileAtomic of 40 KB with about 20 KB free: "disk full", the original intact, no temp file', () => {
      const path = join(mount ?? '', 'visit.soap.yaml');
      const original = 'x'.repeat(40_000);
      writeFileSync(path, original);
      const text = 'y'.repeat(40_999);
      writeFails(() => writeFileAtomic(path, text), /disk full; the file was left exactly as it was/);
      assert.equal(readFileSync(path, 'utf8'), original);
      assert.deepEqual(readdirSync(mount ?? ''), ['visit.soap.yaml']);
    });

    it('`soapnote sign` of a 40 KB note exits 2 with "disk full" and leaves the note byte for byte', () => {
      const path = join(mount ?? '', 'visit.soap.yaml');
      const original = bigNote(40_000);
      writeFileSync(path, original);
      // The same note signs fine where there is room, so the failure below is the full disk only.
      const roomy = join(dir, 'roomy.soap.yaml');
      writeFileSync(roomy, original);
      const ok = cli(['sign', 'roomy.soap.yaml', '--by', 'J. Lee, RMT', '--at', '2026-09-15T18:00:00Z'], dir);
      assert.equal(ok.code, 0, ok.stderr);

      const r = cli(['sign', 'visit.soap.yaml', '--by', 'J. Lee, RMT', '--at', '2026-09-15T18:00:00Z'], mount ?? '');
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /disk full/);
      assert.doesNotMatch(r.stderr, /internal error/);
      assert.equal(r.stdout, '');
      assert.equal(readFileSync(path, 'utf8'), original);
      assert.deepEqual(readdirSync(mount ?? ''), ['visit.soap.yaml'], 'no temp file and no lock left');
    });

    it('`render --out` onto a full disk exits 2 with "disk full" and leaves no partial report', () => {
      writeFileSync(join(mount ?? '', 'filler'), 'f'.repeat(60_000));
      const example = join(repoRoot(), 'examples', 'clean', 'C-0142-2026-09-15.soap.yaml');
      const r = cli(['render', example, '--format', 'html', '--out', join(mount ?? '', 'report.html')], dir);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /disk full/);
      assert.ok(!existsSync(join(mount ?? '', 'report.html')));
      assert.deepEqual(readdirSync(mount ?? ''), ['filler']);
    });
  });
});
