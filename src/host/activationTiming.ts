// The activation's timeline for the activation bench (bench/host/activationProbe.ts): our bundle's first line, its
// last module evaluated, activate() called and returning, on the extension host's performance.now() clock; and the
// host process's CPU time over the same spans (user + system, all its threads), so that the bench can tell work
// from waiting for a core, and each feature's share of activate().
import { moduleLoadCpu, moduleLoadStart } from './loadStart';

export interface ActivationFigures {
  activateMs: number;
  sinceLoadMs: number;
  /** Our bundle's modules running, before VS Code calls activate(). */
  evaluatedMs: number;
  /** From the bundle evaluated to activate() called: VS Code's (it prepares the ExtensionContext meanwhile). */
  waitedMs: number;
  loadStartedAt: number;
  evaluatedAt: number;
  startedAt: number;
  returnedAt: number;
  /** CPU ms while our modules ran, and while activate() ran. */
  evaluatedCpuMs: number;
  activateCpuMs: number;
  /** The host process's CPU time (ms) when activate() was called. */
  startedCpuMs: number;
  /** Each step of activate() (ms of wall and CPU time), in the order it ran. */
  features: Record<string, { ms: number; cpuMs: number }>;
}

const cpuMsNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export class ActivationClock {
  /** Made at the end of extension.ts's top level: every module of the bundle has run. */
  private readonly evaluatedAt = performance.now();
  private readonly evaluatedCpuMs = cpuMsNow() - (moduleLoadCpu.user + moduleLoadCpu.system) / 1000;
  private startedAt = 0;
  private startedCpuMs = 0;
  private readonly features: ActivationFigures['features'] = {};

  /** activate() was called. */
  start(): void {
    this.startedAt = performance.now();
    this.startedCpuMs = cpuMsNow();
  }

  /** Runs one step of activate(), timed under `name` (also when it throws). */
  time<T>(name: string, step: () => T): T {
    const t0 = performance.now();
    const cpu0 = cpuMsNow();
    try {
      return step();
    } finally {
      this.features[name] = { ms: performance.now() - t0, cpuMs: cpuMsNow() - cpu0 };
    }
  }

  /** activate() returns. */
  finish(): ActivationFigures {
    const returnedAt = performance.now();
    return {
      activateMs: returnedAt - this.startedAt,
      sinceLoadMs: returnedAt - moduleLoadStart,
      evaluatedMs: this.evaluatedAt - moduleLoadStart,
      waitedMs: this.startedAt - this.evaluatedAt,
      loadStartedAt: moduleLoadStart,
      evaluatedAt: this.evaluatedAt,
      startedAt: this.startedAt,
      returnedAt,
      evaluatedCpuMs: this.evaluatedCpuMs,
      activateCpuMs: cpuMsNow() - this.startedCpuMs,
      startedCpuMs: this.startedCpuMs,
      features: { ...this.features },
    };
  }
}
