// libsql (SQLite for the grid and the embedded schema engine) is a native module with one build per
// platform; each platform's .vsix carries its own. Where there is none (Windows on Arm) or it cannot load,
// the user reads why in words instead of "Cannot find module '@libsql/…'" and a require stack.

const platformNames: Record<string, string> = { win32: 'Windows', darwin: 'macOS', linux: 'Linux' };
const archNames: Record<string, string> = {
  x64: 'x64',
  arm64: 'Arm',
  arm: '32-bit Arm',
  ia32: 'x86 (32-bit)',
};

/** What the user reads when SQLite cannot be opened because libsql's native module is missing or broken. */
export function libsqlUnavailableMessage(platform: string, arch: string, cause?: string): string {
  const where = `${platformNames[platform] ?? platform} on ${archNames[arch] ?? arch} (${platform}-${arch})`;
  const missing = cause === undefined || /Cannot find module '@libsql\//.test(cause);
  return missing
    ? `SQLite is not available on ${where}: libsql, the SQLite driver Prisma Workbench uses, has no build for it. ` +
        'PostgreSQL and MySQL databases work. On Windows on Arm, the x64 build of VS Code (emulated) runs the ' +
        'win32-x64 package, which has SQLite.'
    : `SQLite is not available on ${where}: libsql's native module did not load (${cause.split('\n')[0]}). ` +
        'PostgreSQL and MySQL databases work. Reinstalling the extension may help.';
}

/** Runs `load` (an import that loads libsql); a failure of libsql's native module becomes a plain message. */
export async function loadLibsql<T>(
  load: () => Promise<T>,
  platform: string = process.platform,
  arch: string = process.arch,
): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const native =
      /@libsql\/|\.node\b|libsql/i.test(message) && /Cannot find module|\.node|dlopen|ELF|Mach-O|%1/.test(message);
    if (!native) throw e;
    throw new Error(libsqlUnavailableMessage(platform, arch, message), { cause: e });
  }
}
