/**
 * When fields of the schema appeared, for the releases we model (1.19 and later). Facts from
 * Kubernetes' feature gate table (pkg/features/kube_features.go) and the `+featureGate` markers in
 * core/v1 and apps/v1 types.go.
 *
 * `since`: the first release whose API types have the field (usually as alpha). Before it, an API
 * server does not know the field: strict field validation rejects it, a lenient decoder drops it.
 * `on`: the first release whose feature gate is on by default. From `since` up to `on`, the API
 * server drops the field silently unless the cluster enables `gate`. No `on`: still off by default
 * in the newest release we know.
 */
export interface FieldHistory {
  readonly since: string;
  readonly on?: string;
  readonly gate?: string;
}

const ALPHA = (since: string, gate: string, on?: string): FieldHistory => ({ since, gate, on });

/** Keyed by `GoType.field`. */
export const FIELD_HISTORY: Readonly<Record<string, FieldHistory>> = {
  'StatefulSetSpec.minReadySeconds': ALPHA('1.22', 'StatefulSetMinReadySeconds', '1.23'),
  'StatefulSetSpec.persistentVolumeClaimRetentionPolicy': ALPHA('1.23', 'StatefulSetAutoDeletePVC', '1.27'),
  'StatefulSetSpec.ordinals': ALPHA('1.26', 'StatefulSetStartOrdinal', '1.27'),
  'RollingUpdateStatefulSetStrategy.maxUnavailable': ALPHA('1.24', 'MaxUnavailableStatefulSet', '1.35'),

  'PodSpec.setHostnameAsFQDN': ALPHA('1.19', 'SetHostnameAsFQDN', '1.20'),
  'PodSpec.os': ALPHA('1.23', 'IdentifyPodOS', '1.24'),
  'PodSpec.hostUsers': ALPHA('1.25', 'UserNamespacesSupport', '1.33'),
  'PodSpec.schedulingGates': ALPHA('1.26', 'PodSchedulingReadiness', '1.27'),
  'PodSpec.resourceClaims': ALPHA('1.26', 'DynamicResourceAllocation', '1.34'),
  'PodSpec.resources': ALPHA('1.32', 'PodLevelResources', '1.34'),
  'PodSpec.hostnameOverride': ALPHA('1.34', 'HostnameOverride', '1.35'),
  'PodSpec.workloadRef': ALPHA('1.35', 'GenericWorkload'),

  'Container.resizePolicy': ALPHA('1.27', 'InPlacePodVerticalScaling', '1.33'),
  'Container.restartPolicy': ALPHA('1.28', 'SidecarContainers', '1.29'),
  'Container.restartPolicyRules': ALPHA('1.34', 'ContainerRestartRules', '1.35'),
  'EphemeralContainer.resizePolicy': ALPHA('1.27', 'InPlacePodVerticalScaling', '1.33'),
  'EphemeralContainer.restartPolicy': ALPHA('1.28', 'SidecarContainers', '1.29'),
  'EphemeralContainer.restartPolicyRules': ALPHA('1.34', 'ContainerRestartRules', '1.35'),
  'ResourceRequirements.claims': ALPHA('1.26', 'DynamicResourceAllocation', '1.34'),
  'Lifecycle.stopSignal': ALPHA('1.33', 'ContainerStopSignals'),
  'LifecycleHandler.sleep': ALPHA('1.29', 'PodLifecycleSleepAction', '1.30'),
  'Probe.grpc': ALPHA('1.23', 'GRPCContainerProbe', '1.24'),
  'Probe.terminationGracePeriodSeconds': ALPHA('1.21', 'ProbeTerminationGracePeriod', '1.25'),
  'EnvVarSource.fileKeyRef': ALPHA('1.34', 'EnvFiles', '1.35'),
  'VolumeMount.recursiveReadOnly': ALPHA('1.30', 'RecursiveReadOnlyMounts', '1.31'),

  'Volume.ephemeral': ALPHA('1.19', 'GenericEphemeralVolume', '1.21'),
  'Volume.image': ALPHA('1.31', 'ImageVolume', '1.35'),
  'VolumeProjection.clusterTrustBundle': ALPHA('1.29', 'ClusterTrustBundleProjection'),
  'VolumeProjection.podCertificate': ALPHA('1.34', 'PodCertificateRequest'),
  'PodCertificateProjection.userAnnotations': ALPHA('1.35', 'PodCertificateRequest'),

  'PodAffinityTerm.namespaceSelector': ALPHA('1.21', 'PodAffinityNamespaceSelector', '1.22'),
  'PodAffinityTerm.matchLabelKeys': ALPHA('1.29', 'MatchLabelKeysInPodAffinity', '1.31'),
  'PodAffinityTerm.mismatchLabelKeys': ALPHA('1.29', 'MatchLabelKeysInPodAffinity', '1.31'),
  'TopologySpreadConstraint.minDomains': ALPHA('1.24', 'MinDomainsInPodTopologySpread', '1.27'),
  'TopologySpreadConstraint.nodeAffinityPolicy': ALPHA('1.25', 'NodeInclusionPolicyInPodTopologySpread', '1.26'),
  'TopologySpreadConstraint.nodeTaintsPolicy': ALPHA('1.25', 'NodeInclusionPolicyInPodTopologySpread', '1.26'),
  'TopologySpreadConstraint.matchLabelKeys': ALPHA('1.25', 'MatchLabelKeysInPodTopologySpread', '1.27'),

  'PodSecurityContext.fsGroupChangePolicy': ALPHA('1.18', 'ConfigurableFSGroupPolicy', '1.20'),
  'PodSecurityContext.appArmorProfile': { since: '1.30' },
  'PodSecurityContext.supplementalGroupsPolicy': ALPHA('1.31', 'SupplementalGroupsPolicy', '1.33'),
  'PodSecurityContext.seLinuxChangePolicy': ALPHA('1.32', 'SELinuxChangePolicy', '1.33'),
  'SecurityContext.appArmorProfile': { since: '1.30' },
  'SecurityContext.procMount': ALPHA('1.12', 'ProcMountType', '1.33'),
  'WindowsSecurityContextOptions.hostProcess': ALPHA('1.22', 'WindowsHostProcessContainers', '1.23'),

  'PersistentVolumeClaimSpec.dataSourceRef': ALPHA('1.22', 'AnyVolumeDataSource', '1.24'),
  'PersistentVolumeClaimSpec.volumeAttributesClassName': ALPHA('1.29', 'VolumeAttributesClass', '1.34'),
  'TypedObjectReference.namespace': ALPHA('1.26', 'CrossNamespaceVolumeDataSource'),
};

/** Values Kubernetes accepts for some string fields, for completion and hovers (`Type.field`). */
export const ENUMS: Readonly<Record<string, readonly string[]>> = {
  'StatefulSetSpec.podManagementPolicy': ['OrderedReady', 'Parallel'],
  'StatefulSetUpdateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted': ['Retain', 'Delete'],
  'StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled': ['Retain', 'Delete'],
  'PodSpec.restartPolicy': ['Always', 'OnFailure', 'Never'],
  'PodSpec.dnsPolicy': ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
  'PodSpec.preemptionPolicy': ['PreemptLowerPriority', 'Never'],
  'PodOS.name': ['linux', 'windows'],
  'Container.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'Container.terminationMessagePolicy': ['File', 'FallbackToLogsOnError'],
  'Container.restartPolicy': ['Always', 'OnFailure', 'Never'],
  'ContainerRestartRule.action': ['Restart'],
  'ContainerRestartRuleOnExitCodes.operator': ['In', 'NotIn'],
  'ContainerPort.protocol': ['TCP', 'UDP', 'SCTP'],
  'ContainerResizePolicy.resourceName': ['cpu', 'memory'],
  'ContainerResizePolicy.restartPolicy': ['NotRequired', 'RestartContainer'],
  'HTTPGetAction.scheme': ['HTTP', 'HTTPS'],
  'VolumeMount.mountPropagation': ['None', 'HostToContainer', 'Bidirectional'],
  'VolumeMount.recursiveReadOnly': ['Disabled', 'IfPossible', 'Enabled'],
  'SeccompProfile.type': ['RuntimeDefault', 'Unconfined', 'Localhost'],
  'AppArmorProfile.type': ['RuntimeDefault', 'Unconfined', 'Localhost'],
  'PodSecurityContext.fsGroupChangePolicy': ['OnRootMismatch', 'Always'],
  'PodSecurityContext.supplementalGroupsPolicy': ['Merge', 'Strict'],
  'PodSecurityContext.seLinuxChangePolicy': ['MountOption', 'Recursive'],
  'SecurityContext.procMount': ['Default', 'Unmasked'],
  'Toleration.operator': ['Exists', 'Equal'],
  'Toleration.effect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'NodeSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
  'LabelSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  'TopologySpreadConstraint.whenUnsatisfiable': ['DoNotSchedule', 'ScheduleAnyway'],
  'TopologySpreadConstraint.nodeAffinityPolicy': ['Honor', 'Ignore'],
  'TopologySpreadConstraint.nodeTaintsPolicy': ['Honor', 'Ignore'],
  'HostPathVolumeSource.type': ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'],
  'ImageVolumeSource.pullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'PersistentVolumeClaimSpec.accessModes': ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
  'PersistentVolumeClaimSpec.volumeMode': ['Filesystem', 'Block'],
};
