import { Code } from '../../scheduling/framework/status.js';
import { describedEnum } from '../../common/graphql/described-enum.js';

/** The codes a failing Filter returns, upstream's fwk.Code names (framework/interface.go). */
export enum FilterCode {
  Unschedulable = Code.Unschedulable,
  UnschedulableAndUnresolvable = Code.UnschedulableAndUnresolvable,
  Error = Code.Error,
}
describedEnum(FilterCode, 'FilterCode', "A failing filter's status code, as kube-scheduler's framework names it", {
  Unschedulable: 'the node does not fit now; preemption might make room',
  UnschedulableAndUnresolvable: 'the node cannot fit the pod whatever is evicted (preemption skips it)',
  Error: 'the plugin failed on this node',
});
