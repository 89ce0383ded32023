/** Every lesson, in reading order: from the shape of the project to the features. */
import type { Lesson } from "../_types.ts";
import { threeLayerArchitecture } from "./three_layer_architecture.ts";
import { applicationFactory } from "./application_factory.ts";
import { configuration } from "./configuration.ts";
import { baseModel } from "./base_model.ts";
import { autoDiscovery } from "./auto_discovery.ts";
import { responseEnvelope } from "./response_envelope.ts";
import { repositoryPattern } from "./repository_pattern.ts";
import { pagination } from "./pagination.ts";
import { migrations } from "./migrations.ts";
import { jwtAuth } from "./jwt_auth.ts";
import { caching } from "./caching.ts";
import { celery } from "./celery.ts";
import { flaskVsQuart } from "./flask_vs_quart.ts";
import { postgresqlVsOracle } from "./postgresql_vs_oracle.ts";
import { testing } from "./testing.ts";

export const LESSONS: readonly Lesson[] = [
  threeLayerArchitecture,
  applicationFactory,
  configuration,
  baseModel,
  autoDiscovery,
  responseEnvelope,
  repositoryPattern,
  pagination,
  migrations,
  jwtAuth,
  caching,
  celery,
  flaskVsQuart,
  postgresqlVsOracle,
  testing,
];
