// Discovery runs again when files appear, but not in a storm while a build writes thousands of them:
// paths inside build and tool output folders are ignored (Prisma schemas are never there), and the
// rest is gated: a refresh waits for `quietMs` without a new event, starts at most once per `minGapMs`,
// and never runs twice at once (events during a run ask for one more run after it).

/** Folders that builds, package managers and tools write; discovery never looks inside them either. */
export const BUILD_FOLDERS = [
  'node_modules',
  '.git',
  'dist',
  'out',
  'build',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.turbo',
  '.vercel',
  '.cache',
  '.parcel-cache',
  'coverage',
  'target',
  '.venv',
  'venv',
  '__pycache__',
  '.gradle',
  '.pnpm-store',
  '.yarn',
];

const buildPath = new RegExp(`[\\\\/](${BUILD_FOLDERS.map((f) => f.replace(/\./g, '\\.')).join('|')})([\\\\/]|$)`);

/** Whether a path lies in (or is) a build or tool output folder. */
export function isBuildPath(fsPath: string): boolean {
  return buildPath.test(fsPath);
}

/** VS Code's exclude glob for the same folders. */
export const buildFoldersGlob = `**/{${BUILD_FOLDERS.join(',')}}/**`;

export class RefreshGate {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private lastEnd = -Infinity;
  /** Refreshes started (tests and the log read it). */
  runs = 0;

  constructor(
    private readonly refresh: () => Promise<void>,
    private readonly options: { quietMs: number; minGapMs: number; now?: () => number },
  ) {}

  private now(): number {
    return (this.options.now ?? performance.now.bind(performance))();
  }

  /** Something changed: a refresh will follow. */
  poke(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(this.options.quietMs);
  }

  private schedule(quiet: number): void {
    if (this.timer) clearTimeout(this.timer);
    const gap = this.lastEnd + this.options.minGapMs - this.now();
    this.timer = setTimeout(() => this.start(), Math.max(quiet, gap, 0));
  }

  private start(): void {
    this.timer = undefined;
    this.again = false;
    this.runs++;
    this.running = this.refresh()
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
        this.lastEnd = this.now();
        if (this.again) this.schedule(this.options.quietMs);
      });
  }

  /** Whether a refresh is waiting or running. */
  get pending(): boolean {
    return this.timer !== undefined || this.running !== undefined;
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.again = false;
  }
}
