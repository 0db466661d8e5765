/** Filter reasons, exactly as upstream podtopologyspread/plugin.go. */

/** ErrReasonConstraintsNotMatch: placing the pod here would exceed a constraint's maxSkew (Unschedulable). */
export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";

/** ErrReasonNodeLabelNotMatch: the node lacks a constraint's topologyKey label (UnschedulableAndUnresolvable). */
export const ErrReasonNodeLabelNotMatch = `${ErrReasonConstraintsNotMatch} (missing required label)`;
