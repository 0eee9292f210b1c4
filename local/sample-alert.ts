/** A realistic submission for demos, drills and tests. Fictional child, fictional case. */
export function sampleSubmission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseNumber: `TR-${new Date().getFullYear()}-${Math.floor(Math.random() * 1e6)
      .toString()
      .padStart(6, '0')}`,
    child: {
      name: 'Arbër Hoxha',
      age: 7,
      description: 'Flokë kafe, xhaketë e kuqe, pantallona blu, çantë shpine e verdhë',
    },
    suspect: { description: 'Burrë rreth 40 vjeç, mjekër e shkurtër' },
    vehicle: { plate: 'AA 123 BC', make: 'Volkswagen', model: 'Golf', color: 'gri' },
    lastSeen: {
      place: 'Parku Rinia, Tiranë',
      county: 'AL-11',
      at: new Date(Date.now() - 20 * 60_000).toISOString().replace('Z', '+00:00'),
    },
    counties: ['AL-11', 'AL-02'],
    criteria: { abductionBelieved: true, imminentDanger: true },
    ...overrides,
  };
}
