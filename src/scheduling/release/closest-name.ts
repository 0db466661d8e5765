/** The "did you mean" matcher lives with the input handling (src/kube), which every room may use. */
export { closestName } from '../../kube/closest-name.js';
