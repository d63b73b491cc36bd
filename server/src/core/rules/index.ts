/**
 * The registry: every rule, in a stable order. A rule module exports one `Rule` constant named
 * after its id in camelCase; add it to the list of its group below.
 */
import { analysisLimit } from './analysisLimit';
import { disableUnknownRule } from './disableUnknownRule';
import { duplicateKey } from './duplicateKey';
import { tabIndentation } from './tabIndentation';
import { templateFileMeta } from './templateFile';
import { invalidType } from './invalidType';
import { yamlBooleanString } from './yamlBooleanString';
import { unknownField } from './unknownField';
import { invalidQuantity } from './invalidQuantity';
import { apiVersionRemoved } from './apiVersionRemoved';
import { fieldNotInVersion } from './fieldNotInVersion';
import { statefulsetNameTooLong } from './statefulsetNameTooLong';
import { serviceNotFound } from './serviceNotFound';
import { serviceNotHeadless } from './serviceNotHeadless';
import { serviceSelectorMismatch } from './serviceSelectorMismatch';
import { partitionOutOfRange } from './partitionOutOfRange';
import { duplicateClaimTemplate } from './duplicateClaimTemplate';
import { volumeShadowedByClaim } from './volumeShadowedByClaim';
import { podIdentityOverwritten } from './podIdentityOverwritten';
import { fractionalStorage } from './fractionalStorage';
import { claimTemplateSharedAccess } from './claimTemplateSharedAccess';
import { storageClassNotFound } from './storageClassNotFound';
import { pdbBlocksEviction } from './pdbBlocksEviction';
import { serviceNameMissing } from './serviceNameMissing';
import { readinessProbeMissing } from './readinessProbeMissing';
import { pdbMissing } from './pdbMissing';
import { spreadConstraintsMissing } from './spreadConstraintsMissing';
import { resourceRequestsMissing } from './resourceRequestsMissing';
import { pvcRetentionDelete } from './pvcRetentionDelete';
import { orderedReadySlow } from './orderedReadySlow';
import { preferReadWriteOncePod } from './preferReadWriteOncePod';
import { metadataNameInvalid } from './metadataNameInvalid';
import { labelInvalid } from './labelInvalid';
import { annotationKeyInvalid } from './annotationKeyInvalid';
import { replicasNegative } from './replicasNegative';
import { minReadySecondsNegative } from './minReadySecondsNegative';
import { ordinalsStartNegative } from './ordinalsStartNegative';
import { podManagementPolicyInvalid } from './podManagementPolicyInvalid';
import { updateStrategyInvalid } from './updateStrategyInvalid';
import { rollingUpdateWithOnDelete } from './rollingUpdateWithOnDelete';
import { partitionNegative } from './partitionNegative';
import { maxUnavailableInvalid } from './maxUnavailableInvalid';
import { retentionPolicyInvalid } from './retentionPolicyInvalid';
import { serviceNameInvalid } from './serviceNameInvalid';
import { selectorMissing } from './selectorMissing';
import { selectorInvalid } from './selectorInvalid';
import { selectorMismatch } from './selectorMismatch';
import { restartPolicyInvalid } from './restartPolicyInvalid';
import { activeDeadlineForbidden } from './activeDeadlineForbidden';
import { containersMissing } from './containersMissing';
import { claimTemplateUnmounted } from './claimTemplateUnmounted';
import { containerNameInvalid } from './containerNameInvalid';
import { containerImageMissing } from './containerImageMissing';
import { portInvalid } from './portInvalid';
import { volumeNameInvalid } from './volumeNameInvalid';
import { volumeSourceInvalid } from './volumeSourceInvalid';
import { volumeMountUnresolved } from './volumeMountUnresolved';
import { volumeMountInvalid } from './volumeMountInvalid';
import { volumeDeviceInvalid } from './volumeDeviceInvalid';
import { claimTemplateNameInvalid } from './claimTemplateNameInvalid';
import { accessModesMissing } from './accessModesMissing';
import { accessModeInvalid } from './accessModeInvalid';
import { storageRequestMissing } from './storageRequestMissing';
import { storageRequestInvalid } from './storageRequestInvalid';
import { storageClassNameInvalid } from './storageClassNameInvalid';
import { volumeModeInvalid } from './volumeModeInvalid';
import { dataSourceInvalid } from './dataSourceInvalid';
import { imagePullPolicyInvalid } from './imagePullPolicyInvalid';
import { resourcesInvalid } from './resourcesInvalid';
import { probeInvalid } from './probeInvalid';
import { kindUnknown } from './kindUnknown';
import { ephemeralContainersForbidden } from './ephemeralContainersForbidden';
import { terminationMessagePolicyInvalid } from './terminationMessagePolicyInvalid';
import { envInvalid } from './envInvalid';
import { lifecycleInvalid } from './lifecycleInvalid';
import { securityContextInvalid } from './securityContextInvalid';
import { schedulingInvalid } from './schedulingInvalid';
import { podSpecInvalid } from './podSpecInvalid';
import { unusedDisableDirectiveMeta } from '../suppress';
import { jsonPatchInvalid } from './jsonPatchInvalid';
import { unnamedPatch } from './unnamedPatch';
import { updateForbidden } from './updateForbidden';
import { scaleDownDeletesClaims } from './scaleDownDeletesClaims';
import { ordinalsStartChanged } from './ordinalsStartChanged';
import { rolloutHeld } from './rolloutHeld';
import { governingServiceRemoved } from './governingServiceRemoved';
import { KUSTOMIZE_NOT_BUILT } from './kustomizeNotBuilt';
import { referenceOrdinalOutOfRange } from './referenceOrdinalOutOfRange';
import { referenceServiceMismatch } from './referenceServiceMismatch';
import { referenceNamespaceMismatch } from './referenceNamespaceMismatch';
import { referenceServiceNotHeadless } from './referenceServiceNotHeadless';
import { referenceClaimTemplateUnknown } from './referenceClaimTemplateUnknown';
import { referencePeerListIncomplete } from './referencePeerListIncomplete';
import type { Rule, RuleMeta } from './types';
import { yamlSyntax } from './yamlSyntax';

// ---- YAML level (foundation) ----
const yamlRules: Rule[] = [yamlSyntax, duplicateKey, tabIndentation, analysisLimit, disableUnknownRule];

// ---- Kubernetes: what the API server rejects ----
const errorRules: Rule[] = [apiVersionRemoved, kindUnknown, invalidType, yamlBooleanString, unknownField, invalidQuantity, metadataNameInvalid, labelInvalid, annotationKeyInvalid, replicasNegative, minReadySecondsNegative, ordinalsStartNegative, podManagementPolicyInvalid, updateStrategyInvalid, rollingUpdateWithOnDelete, partitionNegative, maxUnavailableInvalid, retentionPolicyInvalid, serviceNameInvalid, selectorMissing, selectorInvalid, selectorMismatch, restartPolicyInvalid, activeDeadlineForbidden, containersMissing, containerNameInvalid, containerImageMissing, portInvalid, volumeNameInvalid, volumeSourceInvalid, volumeMountUnresolved, volumeMountInvalid, volumeDeviceInvalid, claimTemplateNameInvalid, accessModesMissing, accessModeInvalid, storageRequestMissing, storageRequestInvalid, storageClassNameInvalid, volumeModeInvalid, dataSourceInvalid, imagePullPolicyInvalid, resourcesInvalid, probeInvalid, ephemeralContainersForbidden, terminationMessagePolicyInvalid, envInvalid, lifecycleInvalid, securityContextInvalid, schedulingInvalid, podSpecInvalid, jsonPatchInvalid];

// ---- Kubernetes: accepted, but breaks at run time ----
const warningRules: Rule[] = [fieldNotInVersion, statefulsetNameTooLong, serviceNotFound, serviceNotHeadless, serviceSelectorMismatch, partitionOutOfRange, duplicateClaimTemplate, volumeShadowedByClaim, podIdentityOverwritten, fractionalStorage, claimTemplateSharedAccess, storageClassNotFound, pdbBlocksEviction, referenceOrdinalOutOfRange, referenceServiceMismatch, referenceNamespaceMismatch, referenceServiceNotHeadless, referenceClaimTemplateUnknown];

// ---- Advice ----
const adviceRules: Rule[] = [claimTemplateUnmounted, serviceNameMissing, readinessProbeMissing, pdbMissing, spreadConstraintsMissing, resourceRequestsMissing, pvcRetentionDelete, orderedReadySlow, preferReadWriteOncePod, unnamedPatch, referencePeerListIncomplete];

// ---- Compared with what is deployed (a git base; run only when there is one) ----
const baseRules: Rule[] = [updateForbidden, scaleDownDeletesClaims, ordinalsStartChanged, rolloutHeld, governingServiceRemoved];

export const RULES: readonly Rule[] = [...yamlRules, ...errorRules, ...warningRules, ...adviceRules, ...baseRules];

/** Every rule id users can configure, with metadata (includes the template note, the overlay note and the unused-suppression report). */
export const RULE_METAS: readonly RuleMeta[] = [...RULES.map((r) => r.meta), templateFileMeta, KUSTOMIZE_NOT_BUILT, unusedDisableDirectiveMeta];

const byId = new Map(RULE_METAS.map((m) => [m.id, m]));
export function ruleMeta(id: string): RuleMeta | undefined {
  return byId.get(id);
}
