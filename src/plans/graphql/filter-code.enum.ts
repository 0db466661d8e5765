import { registerEnumType } from '@nestjs/graphql';
import { Code } from '../../scheduling/framework/status.js';

/** The codes a failing Filter returns, upstream's fwk.Code names (framework/interface.go). */
export enum FilterCode {
  Unschedulable = Code.Unschedulable,
  UnschedulableAndUnresolvable = Code.UnschedulableAndUnresolvable,
  Error = Code.Error,
}
registerEnumType(FilterCode, {
  name: 'FilterCode',
  description: "A failing filter's status code, as kube-scheduler's framework names it",
  valuesMap: {
    Unschedulable: { description: 'the node does not fit now; preemption might make room' },
    UnschedulableAndUnresolvable: { description: 'the node cannot fit the pod whatever is evicted (preemption skips it)' },
    Error: { description: 'the plugin failed on this node' },
  },
});
