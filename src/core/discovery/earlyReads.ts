// The conventional places of the workspace's folders, read as soon as the extension's bundle runs. VS Code loads
// the bundle and prepares the ExtensionContext at once, and calls activate() only when both are done: the activation
// bench measures 50-600 ms of that wait on a 2-core machine. On the same machine the first directory listing after
// activate() took 50-110 ms to answer (the host's thread pool and event loop are busy while the window starts), the
// reads after it 2-9 ms. Started here, the reads answer during VS Code's wait, and the first refresh takes them.
import { mergeFound, readConventionalPlaces, type DiscoveryFs, type FoundFiles } from './conventionalPlaces';

export class EarlyReads {
  private pending: Promise<FoundFiles> | undefined;
  /** When the reads answered (performance.now()): the activation bench lays it beside activate(). */
  answeredAt?: number;
  /** True once a refresh took the reads (the folders were the same). */
  taken = false;

  private constructor(
    private readonly key: string,
    found: Promise<FoundFiles>,
  ) {
    this.pending = found;
    // taken later, or never (an activation that failed): a failure is the taker's, never an unhandled rejection
    found.then(
      () => (this.answeredAt = performance.now()),
      () => undefined,
    );
  }

  /** Starts reading the conventional places of `folders` (absolute paths) now. */
  static start(folders: readonly string[], fs: DiscoveryFs): EarlyReads {
    return new EarlyReads(
      keyOf(folders),
      Promise.all(folders.map((f) => readConventionalPlaces(f, fs))).then(mergeFound),
    );
  }

  /**
   * The reads, once, for the same folders in the same order; undefined when the folders changed meanwhile or the
   * reads were taken already (every later refresh reads the disk again).
   */
  take(folders: readonly string[]): Promise<FoundFiles> | undefined {
    const found = this.pending;
    this.pending = undefined;
    if (!found || keyOf(folders) !== this.key) return undefined;
    this.taken = true;
    return found;
  }
}

const keyOf = (folders: readonly string[]) => JSON.stringify(folders);
