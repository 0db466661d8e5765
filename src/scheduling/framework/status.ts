/**
 * Plugin outcomes as data, mirroring upstream fwk.Status codes. A `null`
 * status means Success (upstream's nil *Status), which keeps the per-node hot
 * loop allocation-free.
 */
export enum Code {
  Success = 'Success',
  Error = 'Error',
  /** The node does not fit now; preemption might help. */
  Unschedulable = 'Unschedulable',
  /** The node cannot fit whatever is evicted (preemption skips it). */
  UnschedulableAndUnresolvable = 'UnschedulableAndUnresolvable',
  /** PreFilter/PreScore: this plugin has nothing to do for the pod. */
  Skip = 'Skip',
}

/** Structured facts behind a reason (which taint, which term, which resource and how much). */
export type ReasonDetail = Readonly<Record<string, unknown>>;

export class Status {
  constructor(
    readonly code: Code,
    /** Upstream's exact reason strings; they feed the FailedScheduling histogram. */
    readonly reasons: readonly string[],
    /** The details, or how to work them out once somebody asks (explanations); most rejections are only counted. */
    private detailsSource: readonly ReasonDetail[] | (() => readonly ReasonDetail[]) = [],
    /** Set by the runner to the plugin that returned it. */
    readonly plugin = '',
  ) {}

  get details(): readonly ReasonDetail[] {
    if (typeof this.detailsSource === 'function') this.detailsSource = this.detailsSource();
    return this.detailsSource;
  }

  /** A rejection whose details are built only if an explanation reads them. */
  static rejectedWithLazyDetails(code: Code.Unschedulable | Code.UnschedulableAndUnresolvable, reason: string, details: () => readonly ReasonDetail[]): Status {
    let built: readonly ReasonDetail[] | undefined;
    return new Status(code, [reason], () => (built ??= details()));
  }

  static unschedulable(reason: string, ...details: ReasonDetail[]): Status {
    return new Status(Code.Unschedulable, [reason], details);
  }

  static unresolvable(reason: string, ...details: ReasonDetail[]): Status {
    return new Status(Code.UnschedulableAndUnresolvable, [reason], details);
  }

  static skip(): Status {
    return SKIP;
  }

  static error(message: string): Status {
    return new Status(Code.Error, [message]);
  }

  get isSkip(): boolean {
    return this.code === Code.Skip;
  }

  /** Unschedulable or UnschedulableAndUnresolvable (upstream Status.IsRejected). */
  get isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable;
  }

  /** Upstream Status.Message(): the reasons joined by ", ". */
  get message(): string {
    return this.reasons.join(', ');
  }

  withPlugin(plugin: string): Status {
    return this.plugin === plugin ? this : new Status(this.code, this.reasons, this.detailsSource, plugin);
  }
}

const SKIP = new Status(Code.Skip, []);

/** A plugin error that is a bug or bad configuration, never a scheduling outcome. */
export class PluginError extends Error {}
