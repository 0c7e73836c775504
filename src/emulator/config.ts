/**
 * How the local tenant behaves: profiles (`instant`, `realistic`), the compressible clock, the
 * throttle budgets of Microsoft's documentation, latency distributions, async delays and faults.
 * `resolveConfig()` turns the user's options into one complete, frozen configuration.
 */
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseFaults, type FaultsInput, type FaultsConfig } from './faults.ts';
import type { Dist } from './rng.ts';

export { Rng, type Dist } from './rng.ts';

export type Profile = 'instant' | 'realistic';
export type RetryAfterFormat = 'seconds' | 'decimal' | 'http-date';

export interface SharePointBudget {
  /** RU per app per tenant per minute */
  perMinute: number;
  /** RU per app per tenant per 24 h */
  perDay: number;
  /** RU per tenant (all apps) per 5 minutes */
  tenantPer5Min: number;
  /** RU cost of a SharePoint REST call: [read, write] (CSOM/REST have no fixed cost; documented as usually more than Graph) */
  restCost: [number, number];
}

export interface ThrottleConfig {
  enabled: boolean;
  sharepoint: SharePointBudget;
  entra: {
    /** resource units per app per tenant per 10 s (S 3,500 / M 5,000 / L 8,000 by users) */
    per10s: number;
    /** writes per app per tenant per 150 s */
    writesPer150s: number;
    /** writes per tenant (all apps) per 5 minutes */
    tenantWritesPer5Min: number;
  };
  teams: {
    /** POST /teams per app per tenant per second */
    createPerSecond: number;
    /** PUT /groups/{id}/team per second */
    putTeamPerSecond: number;
    /** POST .../channels per second */
    channelCreatePerSecond: number;
    /** GET of a team's channels, its members or a channel's members per second (a row of its own in Microsoft's table) */
    listPerSecond: number;
    /** other Teams calls per second (GET/PATCH team ...) */
    otherPerSecond: number;
    /** requests per second on one team */
    perTeamPerSecond: number;
    /** member adds per minute per team */
    memberAddsPerMinutePerTeam: number;
  };
  /** RateLimit-* headers from this fraction of the minute budget (app-only) */
  headersAt: number;
  retryAfterFormat: RetryAfterFormat;
  /** Retry-After for a caller that ignored one is the remaining wait times this factor */
  violationFactor: number;
  /** after this many calls before Retry-After passed (without an honoured wait in between), the app is blocked */
  blockAfterViolations: number;
  /** how long a block lasts (simulated ms); every call gets 503 meanwhile */
  blockMs: number;
  /** real ms after a 429 during which calls already on the wire are not counted as violations */
  graceRealMs: number;
}

export interface LatencyConfig {
  enabled: boolean;
  read: Dist;
  write: Dist;
  /** list and content type creation */
  heavy: Dist;
}

export interface AsyncConfig {
  /** POST /teams: time until the operation starts running */
  teamStart: Dist;
  /** POST /teams: time the operation runs (notStarted -> inProgress -> succeeded) */
  teamRun: Dist;
  /** share of team creations that end `failed` */
  teamFailRate: number;
  /** after `succeeded`, GET /teams/{id} answers 404 for this long */
  teamVisibleAfter: Dist;
  /** PUT /groups/{id}/team answers 404 while the group is younger than this */
  groupReplication: Dist;
  /** a new group's SharePoint site appears after this */
  groupSite: Dist;
  /** share of SPSiteManager/create calls that answer SiteStatus 1 (provisioning) */
  siteCreateAsyncRate: number;
  /** time until such a site is ready (SiteStatus 2) */
  siteCreate: Dist;
}

export interface EmulatorConfig {
  profile: Profile;
  timeScale: number;
  licences: number;
  throttle: ThrottleConfig;
  latency: LatencyConfig;
  async: AsyncConfig;
  faults: FaultsConfig;
  /** directory eventual consistency: how long a new group is missing from lookups (directory-lag.ts) */
  directoryLag: DirectoryLagConfig;
  /** seed of the random draws (latency, async delays, fault rates) */
  seed: number;
}

/** How long a new group stays invisible or unwritable, by kind of request (simulated ms). */
export interface DirectoryLagConfig {
  enabled: boolean;
  /** missing from lists, `$filter` lookups and `$count` */
  query: Dist;
  /** `GET /groups/{id}` and `/groups/{id}/...` answer 404 (capped at the group's `query` delay) */
  byId: Dist;
  /** `$ref` adds and `@odata.bind` PATCHes of members/owners are refused (at least the `byId` delay) */
  refs: Dist;
}

/** What the option accepts: on/off (the realistic delays), a median of the `query` delay in simulated ms, or parts. */
export type DirectoryLagOption = boolean | number | { enabled?: boolean; query?: Partial<Dist>; byId?: Partial<Dist>; refs?: Partial<Dist> };

const lagDist = (medianMs: number, sigma: number, maxFactor: number): Dist => ({ medianMs, sigma, maxMs: medianMs * maxFactor });

/** The realistic profile's delays: seconds usually, a long tail of minutes for lists and lookups. */
export function realisticDirectoryLag(queryMedianMs = 8_000): DirectoryLagConfig {
  return {
    enabled: true,
    query: lagDist(queryMedianMs, 0.8, 20),
    byId: lagDist(queryMedianMs / 8, 0.5, 10),
    refs: lagDist(queryMedianMs / 3, 0.6, 15),
  };
}

/** The configuration for a profile and the user's option (off under `instant` unless set). */
export function resolveDirectoryLag(realistic: boolean, option: DirectoryLagOption | undefined): DirectoryLagConfig {
  if (option === undefined) return realistic ? realisticDirectoryLag() : { ...realisticDirectoryLag(), enabled: false };
  if (typeof option === 'boolean') return { ...realisticDirectoryLag(), enabled: option };
  if (typeof option === 'number') {
    if (!(option >= 0) || !Number.isFinite(option)) throw new Error(`invalid directory lag '${option}': a median in simulated ms, 0 or more`);
    return { ...realisticDirectoryLag(option), enabled: option > 0 };
  }
  const base = realisticDirectoryLag();
  const part = (name: 'query' | 'byId' | 'refs'): Dist => {
    const d = { ...base[name], ...(option[name] ?? {}) };
    for (const [k, v] of Object.entries(d)) if (!(typeof v === 'number' && v >= 0 && Number.isFinite(v))) throw new Error(`invalid directoryLag.${name}.${k} '${String(v)}': a number of simulated ms, 0 or more`);
    return d;
  };
  return { enabled: option.enabled ?? true, query: part('query'), byId: part('byId'), refs: part('refs') };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? U[] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

export interface BehaviourOptions {
  /** 'instant' (default: no latency, no throttling, no delays) or 'realistic' */
  profile?: Profile;
  /** simulated ms per real ms (default 1); 100 = a simulated minute in 0.6 s */
  timeScale?: number;
  /** licences of the tenant (default 1,000): selects the SharePoint resource-unit band */
  licences?: number;
  /** override throttling (true/false or parts of the budget) */
  throttle?: boolean | DeepPartial<ThrottleConfig>;
  latency?: boolean | DeepPartial<LatencyConfig>;
  async?: DeepPartial<AsyncConfig>;
  /** a fault plan object, or the path of a JSON/YAML file holding one */
  faults?: FaultsInput | string;
  retryAfterFormat?: RetryAfterFormat;
  /**
   * Directory eventual consistency (directory-lag.ts): on by default under `realistic`, off under
   * `instant` unless set. `true` uses the realistic delays, a number is the median simulated ms a
   * new group is missing from `$filter` lookups and lists (the other delays scale with it).
   */
  directoryLag?: DirectoryLagOption;
  seed?: number;
  /**
   * Whether the local tenant's app is a term store administrator (default true). SharePoint
   * refuses app-only CSOM taxonomy writes from an app that is not one; `false` reproduces that.
   */
  appIsTermStoreAdministrator?: boolean;
}

/** SharePoint budgets by licence band (Microsoft Learn, "Avoid getting throttled or blocked in SharePoint Online"). */
export function sharePointBand(licences: number): Omit<SharePointBudget, 'restCost'> {
  const bands: [number, number, number, number][] = [
    [1_000, 1_250, 1_200_000, 18_750],
    [5_000, 2_500, 2_400_000, 37_500],
    [15_000, 3_750, 3_600_000, 56_250],
    [50_000, 5_000, 4_800_000, 75_000],
    [Infinity, 6_250, 6_000_000, 93_750],
  ];
  const b = bands.find((x) => licences <= x[0])!;
  return { perMinute: b[1], perDay: b[2], tenantPer5Min: b[3] };
}

/** Entra ID resource units per 10 s by tenant size: S under 50 users, M 50-500, L above 500. */
export function entraBudget(users: number): number {
  return users < 50 ? 3_500 : users <= 500 ? 5_000 : 8_000;
}

const d = (medianMs: number, sigma: number, maxFactor = 20): Dist => ({ medianMs, sigma, maxMs: medianMs * maxFactor });
const zero = (): Dist => ({ medianMs: 0, sigma: 0, maxMs: 0 });

function realisticAsync(): AsyncConfig {
  return {
    teamStart: d(5_000, 0.5),
    teamRun: d(55_000, 0.6, 10),
    teamFailRate: 0,
    teamVisibleAfter: d(5_000, 0.8, 10),
    groupReplication: d(15_000, 0.5, 10),
    groupSite: d(120_000, 0.7, 15),
    siteCreateAsyncRate: 0.3,
    siteCreate: d(60_000, 0.6, 10),
  };
}

function instantAsync(): AsyncConfig {
  return { teamStart: zero(), teamRun: zero(), teamFailRate: 0, teamVisibleAfter: zero(), groupReplication: zero(), groupSite: zero(), siteCreateAsyncRate: 0, siteCreate: zero() };
}

export function resolveConfig(opts: BehaviourOptions, tenantUsers: number, baseDir = process.cwd()): EmulatorConfig {
  const profile: Profile = opts.profile ?? 'instant';
  if (profile !== 'instant' && profile !== 'realistic') throw new Error(`unknown profile '${String(profile)}' (instant | realistic)`);
  const timeScale = opts.timeScale ?? 1;
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new Error(`invalid time scale '${timeScale}'`);
  const licences = opts.licences ?? 1_000;
  if (!(licences >= 0)) throw new Error(`invalid licence count '${licences}'`);
  const realistic = profile === 'realistic';
  const throttle: ThrottleConfig = {
    enabled: realistic,
    sharepoint: { ...sharePointBand(licences), restCost: [2, 3] },
    entra: { per10s: entraBudget(tenantUsers), writesPer150s: 3_000, tenantWritesPer5Min: 18_000 },
    teams: { createPerSecond: 10, putTeamPerSecond: 6, channelCreatePerSecond: 30, listPerSecond: 60, otherPerSecond: 30, perTeamPerSecond: 4, memberAddsPerMinutePerTeam: 4 },
    headersAt: 0.8,
    retryAfterFormat: opts.retryAfterFormat ?? 'seconds',
    violationFactor: 2,
    blockAfterViolations: 5,
    blockMs: 5 * 60_000,
    graceRealMs: 50,
  };
  const latency: LatencyConfig = { enabled: realistic, read: d(250, 0.6), write: d(500, 0.6), heavy: d(1_500, 0.5) };
  const asyncCfg = realistic ? realisticAsync() : instantAsync();
  if (opts.throttle !== undefined) {
    if (typeof opts.throttle === 'boolean') throttle.enabled = opts.throttle;
    else {
      deepMerge(throttle, opts.throttle);
      if (opts.throttle.enabled === undefined) throttle.enabled = true;
    }
  }
  if (opts.latency !== undefined) {
    if (typeof opts.latency === 'boolean') latency.enabled = opts.latency;
    else {
      deepMerge(latency, opts.latency);
      if (opts.latency.enabled === undefined) latency.enabled = true;
    }
  }
  if (opts.async) deepMerge(asyncCfg, opts.async);
  let faultsIn: FaultsInput | undefined;
  if (typeof opts.faults === 'string') faultsIn = loadFaultsFile(opts.faults, baseDir);
  else faultsIn = opts.faults;
  return { profile, timeScale, licences, throttle, latency, async: asyncCfg, faults: parseFaults(faultsIn ?? {}), directoryLag: resolveDirectoryLag(realistic, opts.directoryLag), seed: opts.seed ?? 0x5eed };
}

/** A faults file is a few rates and scripted faults: larger than this, it is not one. */
const MAX_FAULTS_FILE_BYTES = 1024 * 1024;

export function loadFaultsFile(file: string, baseDir = process.cwd()): FaultsInput {
  const p = file.startsWith('/') ? file : `${baseDir}/${file}`;
  if (fs.statSync(p).size > MAX_FAULTS_FILE_BYTES) throw new Error(`${file}: larger than 1 MiB; a faults file holds a few rates and scripted faults`);
  const text = fs.readFileSync(p, 'utf8');
  let v: unknown;
  try {
    v = /\.json$/i.test(p) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${file}: a faults file holds an object ({ rates, plan })`);
  return v as FaultsInput;
}

function deepMerge(target: object, src: object): void {
  const t = target as Record<string, unknown>;
  for (const [k, v] of Object.entries(src)) {
    if (v === undefined) continue;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof t[k] === 'object' && t[k] !== null && !Array.isArray(t[k])) deepMerge(t[k] as object, v);
    else t[k] = v;
  }
}
