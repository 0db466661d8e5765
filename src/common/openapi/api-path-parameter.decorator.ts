/**
 * Path parameters by what they name, so every route that takes a topology's,
 * plan's, analysis's or key's id describes it in the same words (the ids of
 * stored things are UUIDs; one that is not answers 404, like one that never
 * existed).
 */
import { ApiParam } from '@nestjs/swagger';

const DESCRIPTIONS = {
  topology: "the topology's id (a UUID, as POST /v1/topologies answered)",
  plan: "the plan's id (a UUID, as POST /v1/topologies/{id}/plans answered)",
  analysis: "the stored analysis's id (a UUID, as the analysis answered)",
  apiKey: "the API key's id (a UUID, as POST /v1/keys and GET /v1/keys answer; never the secret)",
  pod: "the replica's pod name, as the plan's placements list it (namespace= when two workloads' pods share it)",
} as const;

/** Declares path parameter `name` (default `id`) as the id or name of `what`. */
export function ApiPathParameter(what: keyof typeof DESCRIPTIONS, name = 'id', description: string = DESCRIPTIONS[what]): MethodDecorator & ClassDecorator {
  return ApiParam({ name, required: true, type: String, description });
}
