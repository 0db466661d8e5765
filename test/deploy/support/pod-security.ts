/**
 * The Pod Security Standards' "restricted" profile (which includes
 * "baseline") as kubernetes.io/docs/concepts/security/pod-security-standards
 * and k8s.io/pod-security-admission's policy checks state it, applied to one
 * pod spec: each violation names its field path. `readOnlyRootFilesystem` is
 * not part of the profile; podplan requires it too (its own rule, last).
 */
import type { V1Container, V1PodSpec, V1SecurityContext } from '@kubernetes/client-node';

export interface PodSecurityViolation {
  readonly path: string;
  readonly message: string;
}

/** Baseline: capabilities a container may add (restricted narrows this to NET_BIND_SERVICE). */
const RESTRICTED_ADDABLE_CAPABILITIES = new Set(['NET_BIND_SERVICE']);
/** Restricted: volume sources a pod may use. */
const RESTRICTED_VOLUME_SOURCES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
/** Baseline: the "safe" sysctls. */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

function containersOf(spec: V1PodSpec): { path: string; container: V1Container }[] {
  return [
    ...(spec.initContainers ?? []).map((container, index) => ({ path: `initContainers[${index}]`, container })),
    ...spec.containers.map((container, index) => ({ path: `containers[${index}]`, container })),
    ...(spec.ephemeralContainers ?? []).map((container, index) => ({ path: `ephemeralContainers[${index}]`, container: container as V1Container })),
  ];
}

export function restrictedViolations(spec: V1PodSpec, basePath = 'spec'): PodSecurityViolation[] {
  const violations: PodSecurityViolation[] = [];
  const fail = (path: string, message: string) => violations.push({ path: `${basePath}.${path}`, message });
  const pod = spec.securityContext ?? {};

  // Baseline.
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) if (spec[field]) fail(field, 'must not share the host namespace');
  if (pod.windowsOptions?.hostProcess) fail('securityContext.windowsOptions.hostProcess', 'must not be a host process');
  for (const sysctl of pod.sysctls ?? []) if (!SAFE_SYSCTLS.has(sysctl.name)) fail('securityContext.sysctls', `${sysctl.name} is not a safe sysctl`);
  // Restricted: volume sources.
  (spec.volumes ?? []).forEach((volume, index) => {
    const sources = Object.keys(volume).filter((key) => key !== 'name');
    for (const source of sources) if (!RESTRICTED_VOLUME_SOURCES.has(source)) fail(`volumes[${index}].${source}`, 'is not a volume type the restricted profile allows');
  });
  checkSeLinuxAndSeccomp(pod, 'securityContext', fail);
  if (pod.runAsUser === 0) fail('securityContext.runAsUser', 'must not be 0');

  for (const { path, container } of containersOf(spec)) {
    const context: V1SecurityContext = container.securityContext ?? {};
    const at = (field: string) => `${path}.securityContext.${field}`;
    if (context.privileged) fail(at('privileged'), 'must not be privileged');
    if (context.procMount !== undefined && context.procMount !== 'Default') fail(at('procMount'), 'must be Default');
    if (context.windowsOptions?.hostProcess) fail(at('windowsOptions.hostProcess'), 'must not be a host process');
    for (const [index, port] of (container.ports ?? []).entries()) if (port.hostPort) fail(`${path}.ports[${index}].hostPort`, 'must not use a host port');
    checkSeLinuxAndSeccomp(context, `${path}.securityContext`, fail);
    // Restricted.
    if (context.allowPrivilegeEscalation !== false) fail(at('allowPrivilegeEscalation'), 'must be false');
    const runAsNonRoot = context.runAsNonRoot ?? pod.runAsNonRoot;
    if (runAsNonRoot !== true) fail(at('runAsNonRoot'), 'must be true (here or in the pod securityContext)');
    if (context.runAsUser === 0) fail(at('runAsUser'), 'must not be 0');
    const seccomp = context.seccompProfile?.type ?? pod.seccompProfile?.type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') fail(at('seccompProfile.type'), 'must be RuntimeDefault or Localhost (here or in the pod securityContext)');
    if (!(context.capabilities?.drop ?? []).includes('ALL')) fail(at('capabilities.drop'), 'must include ALL');
    for (const capability of context.capabilities?.add ?? []) {
      if (!RESTRICTED_ADDABLE_CAPABILITIES.has(capability)) fail(at('capabilities.add'), `must not add ${capability}`);
    }
    // podplan's own rule.
    if (context.readOnlyRootFilesystem !== true) fail(at('readOnlyRootFilesystem'), 'must be true (podplan writes nothing outside its volumes)');
  }
  return violations;
}

function checkSeLinuxAndSeccomp(
  context: { seLinuxOptions?: { type?: string; user?: string; role?: string }; seccompProfile?: { type: string }; appArmorProfile?: { type: string } },
  path: string,
  fail: (path: string, message: string) => void,
): void {
  const seLinux = context.seLinuxOptions;
  if (seLinux?.type !== undefined && !SELINUX_TYPES.has(seLinux.type)) fail(`${path}.seLinuxOptions.type`, `${seLinux.type} is not allowed`);
  if (seLinux?.user || seLinux?.role) fail(`${path}.seLinuxOptions`, 'must not set user or role');
  if (context.seccompProfile?.type === 'Unconfined') fail(`${path}.seccompProfile.type`, 'must not be Unconfined');
  if (context.appArmorProfile?.type === 'Unconfined') fail(`${path}.appArmorProfile.type`, 'must not be Unconfined');
}
