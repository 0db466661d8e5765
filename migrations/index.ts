/**
 * Every migration, oldest first. Registered as classes, not glob strings:
 * globs resolve differently under tsc output and the test runner.
 */
import { CreateTopologies1764259200000 } from './1764259200000-create-topologies.js';
import { CreatePlans1764345600000 } from './1764345600000-create-plans.js';
import { CreateApiKeysAndAuditLog1764518400000 } from './1764518400000-create-api-keys-and-audit-log.js';
import { CreateAnalyses1764691200000 } from './1764691200000-create-analyses.js';
import { AddPlanLeases1764864000000 } from './1764864000000-add-plan-leases.js';
import { AddRightSizingAnalyses1764950400000 } from './1764950400000-add-right-sizing-analyses.js';
import { AddTopologySources1765036800000 } from './1765036800000-add-topology-sources.js';

export const MIGRATIONS = [CreateTopologies1764259200000, CreatePlans1764345600000, CreateApiKeysAndAuditLog1764518400000, CreateAnalyses1764691200000, AddPlanLeases1764864000000, AddRightSizingAnalyses1764950400000, AddTopologySources1765036800000];
