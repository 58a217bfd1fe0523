// What a native module was built for, read from its file header: PE (Windows), Mach-O (macOS), ELF (Linux).
// For ELF, the C library comes from the dynamic section's DT_NEEDED entries (glibc: libc.so.6; musl: libc.so
// or libc.musl-<arch>.so.1). Returns { format, arch, libc?, needed? } or { format: 'unknown' }.

const peMachines = { 0x8664: 'x64', 0xaa64: 'arm64', 0x014c: 'ia32', 0x01c4: 'arm' };
const machoCpus = { 0x01000007: 'x64', 0x0100000c: 'arm64', 7: 'ia32', 12: 'arm' };
const elfMachines = { 0x3e: 'x64', 0xb7: 'arm64', 0x28: 'arm', 0x03: 'ia32' };

/** @param {Buffer} buf the whole file (ELF's dynamic section can be anywhere in it) */
export function readBinaryHeader(buf) {
  if (buf.length >= 64 && buf[0] === 0x4d && buf[1] === 0x5a) {
    const pe = buf.readUInt32LE(0x3c);
    if (pe + 6 <= buf.length && buf.toString('latin1', pe, pe + 4) === 'PE\0\0') {
      const machine = buf.readUInt16LE(pe + 4);
      return { format: 'pe', arch: peMachines[machine] ?? `machine 0x${machine.toString(16)}` };
    }
  }
  if (buf.length >= 8 && buf.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = buf.readInt32LE(4);
    return { format: 'macho', arch: machoCpus[cpu] ?? `cputype 0x${cpu.toString(16)}` };
  }
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xcafebabe) {
    // a universal (fat) binary: one slice per architecture
    const n = buf.readUInt32BE(4);
    const archs = [];
    for (let i = 0; i < n && 8 + i * 20 + 4 <= buf.length; i++) {
      const cpu = buf.readInt32BE(8 + i * 20);
      archs.push(machoCpus[cpu] ?? `cputype 0x${cpu.toString(16)}`);
    }
    return { format: 'macho', arch: archs.join('+') };
  }
  if (buf.length >= 52 && buf.readUInt32BE(0) === 0x7f454c46) return readElf(buf);
  return { format: 'unknown' };
}

function readElf(buf) {
  const is64 = buf[4] === 2;
  const le = buf[5] === 1;
  const u16 = (o) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
  const u32 = (o) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const addr = (o) => (is64 ? Number(le ? buf.readBigUInt64LE(o) : buf.readBigUInt64BE(o)) : u32(o));
  const machine = u16(18);
  const result = { format: 'elf', arch: elfMachines[machine] ?? `e_machine 0x${machine.toString(16)}` };
  const phoff = addr(is64 ? 0x20 : 0x1c);
  const phentsize = u16(is64 ? 0x36 : 0x2a);
  const phnum = u16(is64 ? 0x38 : 0x2c);
  const loads = [];
  let dynamic;
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (p + phentsize > buf.length) break;
    const type = u32(p);
    const seg = is64
      ? { offset: addr(p + 8), vaddr: addr(p + 16), filesz: addr(p + 32) }
      : { offset: u32(p + 4), vaddr: u32(p + 8), filesz: u32(p + 16) };
    if (type === 1) loads.push(seg);
    if (type === 2) dynamic = seg;
  }
  if (!dynamic) return result;
  const toOffset = (vaddr) => {
    const l = loads.find((s) => vaddr >= s.vaddr && vaddr < s.vaddr + s.filesz);
    return l ? vaddr - l.vaddr + l.offset : undefined;
  };
  const entry = is64 ? 16 : 8;
  const neededAt = [];
  let strtab;
  for (let p = dynamic.offset; p + entry <= Math.min(buf.length, dynamic.offset + dynamic.filesz); p += entry) {
    const tag = is64 ? addr(p) : u32(p);
    const val = addr(p + (is64 ? 8 : 4));
    if (tag === 0) break;
    if (tag === 1) neededAt.push(val);
    if (tag === 5) strtab = toOffset(val);
  }
  if (strtab === undefined) return result;
  const needed = neededAt.map((o) => {
    const start = strtab + o;
    const end = buf.indexOf(0, start);
    return buf.toString('latin1', start, end < 0 ? start : end);
  });
  const libc = needed.includes('libc.so.6')
    ? 'glibc'
    : needed.some((n) => n === 'libc.so' || n.startsWith('libc.musl-'))
      ? 'musl'
      : undefined;
  return { ...result, needed, ...(libc ? { libc } : {}) };
}
