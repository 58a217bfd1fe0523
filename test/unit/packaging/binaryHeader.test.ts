import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
// @ts-expect-error: plain ESM module of the packaging scripts, no type declarations
import { readBinaryHeader } from '../../../scripts/packaging/binaryHeader.mjs';

const root = path.resolve(__dirname, '../../..');

/** A PE file's first bytes: 'MZ', e_lfanew at 0x3c, 'PE\0\0', then the machine. */
function pe(machine: number): Buffer {
  const b = Buffer.alloc(0x100);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(machine, 0x84);
  return b;
}

function macho(cputype: number): Buffer {
  const b = Buffer.alloc(32);
  b.writeUInt32LE(0xfeedfacf, 0);
  b.writeInt32LE(cputype, 4);
  return b;
}

describe('native module headers (package check)', () => {
  it('reads a Windows DLL as PE x64 or arm64 from its machine field', () => {
    assert.deepEqual(readBinaryHeader(pe(0x8664)), { format: 'pe', arch: 'x64' });
    assert.deepEqual(readBinaryHeader(pe(0xaa64)), { format: 'pe', arch: 'arm64' });
  });

  it('reads a macOS library as Mach-O x86_64 or arm64 from its cputype', () => {
    assert.deepEqual(readBinaryHeader(macho(0x01000007)), { format: 'macho', arch: 'x64' });
    assert.deepEqual(readBinaryHeader(macho(0x0100000c)), { format: 'macho', arch: 'arm64' });
  });

  it("tells libsql's glibc build from its musl build by the C library it links (DT_NEEDED)", () => {
    const gnu = readBinaryHeader(fs.readFileSync(path.join(root, 'node_modules/@libsql/linux-x64-gnu/index.node')));
    const musl = readBinaryHeader(fs.readFileSync(path.join(root, 'node_modules/@libsql/linux-x64-musl/index.node')));
    assert.equal(gnu.format, 'elf');
    assert.equal(gnu.arch, 'x64');
    assert.equal(gnu.libc, 'glibc');
    assert.ok(gnu.needed.includes('libc.so.6'));
    assert.equal(musl.arch, 'x64');
    assert.equal(musl.libc, 'musl');
  });

  it('says unknown for a file that is no native module', () => {
    assert.deepEqual(readBinaryHeader(Buffer.from('module.exports = {};\n')), { format: 'unknown' });
  });
});
