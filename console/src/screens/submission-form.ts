import type { paths } from '../api/schema';

/** The new-alert form's values by control name (`child.name`, the API's own field paths). */
export type FormValues = Record<string, string>;

/** The request body of POST /alerts as the OpenAPI document describes it (counties are the country's codes). */
export type SubmissionBody = paths['/alerts']['post']['requestBody']['content']['application/json'];
type County = SubmissionBody['counties'][number];

const filled = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/**
 * The submission as the API takes it. Empty optional fields are left out rather than sent empty, and
 * nothing is checked here: the API's answer names each field and reason, shown next to the field.
 */
export function toSubmission(v: FormValues): SubmissionBody {
  const pick = (names: readonly string[], prefix: string) =>
    Object.fromEntries(
      names.flatMap((n) => {
        const value = filled(v[`${prefix}.${n}`]);
        return value === undefined ? [] : [[n, value]];
      }),
    );
  const suspect = pick(['name', 'description'], 'suspect');
  const vehicle = pick(['plate', 'make', 'model', 'color'], 'vehicle');
  const at = v['lastSeen.at'] ? new Date(v['lastSeen.at']) : undefined;
  const photoUrl = filled(v['child.photoUrl']);
  return {
    caseNumber: v.caseNumber ?? '',
    mode: v.mode === 'EXERCISE' ? 'EXERCISE' : 'LIVE',
    child: {
      name: v['child.name'] ?? '',
      age: v['child.age'] ? Number(v['child.age']) : Number.NaN,
      description: v['child.description'] ?? '',
      ...(photoUrl ? { photoUrl } : {}),
    },
    ...(Object.keys(suspect).length > 0 ? { suspect: suspect as SubmissionBody['suspect'] } : {}),
    ...(Object.keys(vehicle).length > 0 ? { vehicle } : {}),
    lastSeen: {
      place: v['lastSeen.place'] ?? '',
      county: (v['lastSeen.county'] ?? '') as County,
      at: at && !Number.isNaN(at.getTime()) ? at.toISOString() : '',
    },
    counties: (v.counties ?? '').split(',').filter(Boolean) as County[],
    criteria: {
      abductionBelieved: v['criteria.abductionBelieved'] === 'on',
      imminentDanger: v['criteria.imminentDanger'] === 'on',
    },
    durationHours: v.durationHours ? Number(v.durationHours) : Number.NaN,
  };
}
