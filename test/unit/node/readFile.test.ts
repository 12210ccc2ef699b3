import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBounded, UnreadableFileError, type ReaderFs } from '../../../server/src/node/readFile';
import { readNoteFile } from '../../../server/src/node/noteFiles';

const dir = mkdtempSync(join(tmpdir(), 'soapnote-read-'));

/** The reason a read was refused, or 'read' when it was not. */
function refusal(path: string, max = 1000, io?: ReaderFs): string {
  try {
    readBounded(path, max, io);
    return 'read';
  } catch (error) {
    assert.ok(error instanceof UnreadableFileError, String(error));
    return error.reason;
  }
}

describe('readBounded: regular files only, size limit while reading', () => {
  it('reads a regular file, and one through a symbolic link', () => {
    writeFileSync(join(dir, 'a.txt'), 'hello');
    symlinkSync(join(dir, 'a.txt'), join(dir, 'link.txt'));
    assert.deepEqual(readBounded(join(dir, 'a.txt'), 5), { bytes: Buffer.from('hello') });
    assert.deepEqual(readBounded(join(dir, 'link.txt'), 5), { bytes: Buffer.from('hello') });
  });

  it('refuses, without opening them, a FIFO, a device, a folder and a dangling link', () => {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    symlinkSync('/dev/zero', join(dir, 'zero'));
    symlinkSync(join(dir, 'gone'), join(dir, 'dangling'));
    // A FIFO that is opened blocks until a writer comes; this returning at all shows it was not opened.
    assert.match(refusal(join(dir, 'fifo')), /FIFO/);
    assert.match(refusal(join(dir, 'zero')), /device/);
    assert.match(refusal(dir), /folder/);
    assert.match(refusal(join(dir, 'dangling')), /symbolic link to a file that does not exist/);
    assert.match(refusal(join(dir, 'nothing-here')), /no such file/);
  });

  it('reports a file over the limit from its size, without reading it (a 20 GB sparse file)', () => {
    const huge = join(dir, 'huge');
    writeFileSync(huge, '');
    truncateSync(huge, 20 * 1024 ** 3);
    // Counted, not timed: not one byte may be read.
    let read = 0;
    const io: ReaderFs = {
      ...fs,
      readSync: ((fd: number, buffer: Buffer, offset: number, length: number, position: null) => {
        const n = fs.readSync(fd, buffer, offset, length, position);
        read += n;
        return n;
      }) as ReaderFs['readSync'],
    };
    assert.deepEqual(readBounded(huge, 1_000_000, io), { tooLarge: true, size: 20 * 1024 ** 3 });
    assert.equal(read, 0);
  });

  it('stops at limit + 1 bytes when the file is longer than its size said (it grew)', () => {
    writeFileSync(join(dir, 'grows'), 'x'.repeat(300_000));
    let read = 0;
    const io: ReaderFs = {
      ...fs,
      // Both stats say 10 bytes; the file then delivers 300,000.
      statSync: ((p: string) => Object.assign(fs.statSync(p), { size: 10 })) as ReaderFs['statSync'],
      fstatSync: ((fd: number) => Object.assign(fs.fstatSync(fd), { size: 10 })) as ReaderFs['fstatSync'],
      readSync: ((fd: number, buffer: Buffer, offset: number, length: number, position: null) => {
        const n = fs.readSync(fd, buffer, offset, length, position);
        read += n;
        return n;
      }) as ReaderFs['readSync'],
    };
    assert.deepEqual(readBounded(join(dir, 'grows'), 100_000, io), { tooLarge: true, size: undefined });
    assert.equal(read, 100_001);
  });

  it('reads a file whole when it grew since the stat but stays within the limit; a file as its stat says takes one piece of its size', () => {
    const text = 'y'.repeat(70_000);
    writeFileSync(join(dir, 'grew-a-little'), text);
    const pieces: number[] = [];
    const io = (size?: number): ReaderFs => ({
      ...fs,
      ...(size === undefined ? {} : {
        statSync: ((p: string) => Object.assign(fs.statSync(p), { size })) as ReaderFs['statSync'],
        fstatSync: ((fd: number) => Object.assign(fs.fstatSync(fd), { size })) as ReaderFs['fstatSync'],
      }),
      readSync: ((fd: number, buffer: Buffer, offset: number, length: number, position: null) => {
        pieces.push(length);
        return fs.readSync(fd, buffer, offset, length, position);
      }) as ReaderFs['readSync'],
    });
    // Stat says 10 bytes, the file holds 70,000: every byte is read, in 64 KB pieces after the first.
    assert.deepEqual(readBounded(join(dir, 'grew-a-little'), 100_000, io(10)), { bytes: Buffer.from(text) });
    assert.deepEqual(pieces.slice(0, 2), [11, 64 * 1024]);
    pieces.length = 0;
    writeFileSync(join(dir, 'small'), 'hello');
    assert.deepEqual(readBounded(join(dir, 'small'), 100_000, io()), { bytes: Buffer.from('hello') });
    assert.deepEqual(pieces, [6, 1], 'one read of size + 1, then one byte to see the end of the file');
  });

  it('turns a read error into a plain reason and closes the file', () => {
    writeFileSync(join(dir, 'eio'), 'data');
    let closed = 0;
    const io: ReaderFs = {
      ...fs,
      readSync: (() => {
        throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
      }) as ReaderFs['readSync'],
      closeSync: ((fd: number) => {
        closed++;
        fs.closeSync(fd);
      }) as ReaderFs['closeSync'],
    };
    assert.match(refusal(join(dir, 'eio'), 1000, io), /^input\/output error/);
    assert.equal(closed, 1);
  });

  it('refuses a path swapped for something else between stat and open', () => {
    writeFileSync(join(dir, 'swapped'), 'data');
    const fifoStat = fs.statSync(join(dir, 'fifo'));
    const io: ReaderFs = { ...fs, fstatSync: (() => fifoStat) as unknown as ReaderFs['fstatSync'] };
    assert.match(refusal(join(dir, 'swapped'), 1000, io), /FIFO/);
  });

  it('permission denied is said in words', () => {
    writeFileSync(join(dir, 'secret'), 'data');
    const io: ReaderFs = {
      ...fs,
      openSync: (() => {
        throw Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
      }) as ReaderFs['openSync'],
    };
    assert.equal(refusal(join(dir, 'secret'), 1000, io), 'permission denied');
  });
});

describe('readNoteFile: bytes to note text, never throwing', () => {
  it('gives text, a note.too-large finding, a note.encoding finding, or why it is unreadable', () => {
    writeFileSync(join(dir, 'ok.soap.yaml'), '\uFEFFsoapnote: 1\n');
    writeFileSync(join(dir, 'big.soap.yaml'), 'x'.repeat(2000));
    writeFileSync(join(dir, 'latin1.soap.yaml'), Buffer.from('client: Jos\xe9\n', 'latin1'));
    assert.deepEqual(readNoteFile(join(dir, 'ok.soap.yaml'), 1000), { text: 'soapnote: 1\n' });
    const big = readNoteFile(join(dir, 'big.soap.yaml'), 1000);
    assert.ok('finding' in big && big.finding.ruleId === 'note.too-large', JSON.stringify(big));
    const latin1 = readNoteFile(join(dir, 'latin1.soap.yaml'), 1000);
    assert.ok('finding' in latin1 && latin1.finding.ruleId === 'note.encoding', JSON.stringify(latin1));
    assert.deepEqual(readNoteFile(join(dir, 'fifo'), 1000), { unreadable: 'it is a FIFO (named pipe), not a file; soapnote reads only regular files' });
  });
});
