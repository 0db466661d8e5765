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

/** Details of a status without any (most statuses): one shared empty list. */
const NO_DETAILS: readonly ReasonDetail[] = [];

/**
 * Single-reason lists by reason: a rejection is made per rejected node, and
 * its reasons never change, so nodes rejected for the same reason share one
 * list. Bounded, as reasons may carry names or numbers.
 */
const reasonLists = new Map<string, readonly string[]>();
const MAX_REASON_LISTS = 4096;

function reasonList(reason: string): readonly string[] {
  let list = reasonLists.get(reason);
  if (list === undefined) {
    list = [reason];
    if (reasonLists.size < MAX_REASON_LISTS) reasonLists.set(reason, list);
  }
  return list;
}

export class Status {
  /** The last copy withPlugin made, returned again when asked for the same plugin (private: not part of the status's data). */
  #attributed: Status | undefined = undefined;
  /** For a withPlugin copy: the status it copies, whose details it shares (built once for both). */
  #origin: Status | undefined = undefined;

  constructor(
    readonly code: Code,
    /** Upstream's exact reason strings; they feed the FailedScheduling histogram. */
    readonly reasons: readonly string[],
    /** The details, or how to work them out once somebody asks (explanations); most rejections are only counted. */
    private detailsSource: readonly ReasonDetail[] | (() => readonly ReasonDetail[]) = NO_DETAILS,
    /** Set by the runner to the plugin that returned it. */
    readonly plugin = '',
  ) {}

  get details(): readonly ReasonDetail[] {
    if (this.#origin !== undefined) return this.#origin.details;
    if (typeof this.detailsSource === 'function') this.detailsSource = this.detailsSource();
    return this.detailsSource;
  }

  /** A rejection whose details are built only if an explanation reads them (once, shared with its withPlugin copies). */
  static rejectedWithLazyDetails(code: Code.Unschedulable | Code.UnschedulableAndUnresolvable, reason: string, details: () => readonly ReasonDetail[]): Status {
    return new Status(code, reasonList(reason), details);
  }

  static unschedulable(reason: string, ...details: ReasonDetail[]): Status {
    return new Status(Code.Unschedulable, reasonList(reason), details.length === 0 ? NO_DETAILS : details);
  }

  static unresolvable(reason: string, ...details: ReasonDetail[]): Status {
    return new Status(Code.UnschedulableAndUnresolvable, reasonList(reason), details.length === 0 ? NO_DETAILS : details);
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
    if (this.plugin === plugin) return this;
    // A plugin's constant statuses are attributed on every node they reject: made once, not per node (issue 14).
    const attributed = this.#attributed;
    if (attributed !== undefined && attributed.plugin === plugin) return attributed;
    const copy = new Status(this.code, this.reasons, this.detailsSource, plugin);
    // Lazy details are built once, by the original, whichever of the two is read.
    if (typeof this.detailsSource === 'function') copy.#origin = this.#origin ?? this;
    this.#attributed = copy;
    return copy;
  }
}

const SKIP = new Status(Code.Skip, []);

/** A plugin error that is a bug or bad configuration, never a scheduling outcome. */
export class PluginError extends Error {}
