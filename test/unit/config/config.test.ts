import { loadConfig, loadResourceNames, NATIONAL } from '../../../lambdas/config/config';

describe('loadConfig', () => {
  describe('with an empty environment', () => {
    const config = loadConfig({});

    test('deploys Albania', () => {
      expect(config.country.countryCode).toBe('AL');
      expect(config.country.countryName.en).toBe('Albania');
      expect(config.country.phoneRegion).toBe('AL');
      expect(config.country.timeZone).toBe('Europe/Tirane');
    });

    test('has the 12 counties AL-01 … AL-12', () => {
      expect(config.regionCodes).toEqual(
        Array.from({ length: 12 }, (_, i) => `AL-${String(i + 1).padStart(2, '0')}`),
      );
    });

    test('has one directorate per county plus NATIONAL', () => {
      expect(config.directorates).toHaveLength(13);
      expect(config.directorates).toEqual([...config.regionCodes, NATIONAL]);
      expect(NATIONAL).toBe('NATIONAL');
    });

    test('speaks Albanian first, then English', () => {
      expect(config.country.defaultLanguage).toBe('sq');
      expect(config.country.languages).toEqual(['sq', 'en']);
    });

    test('tells the public to call 129', () => {
      expect(config.country.policeNumber).toBe('129');
    });

    test('has production-safe timeouts and limits', () => {
      expect(config.stage).toBe('dev');
      expect(config.publicBaseUrl).toBe('https://amber.example.org');
      expect(config.requiredCriteria).toEqual(['abductionBelieved', 'imminentDanger']);
      expect(config.timeouts).toEqual({
        approvalMinutes: 60,
        updateApprovalMinutes: 30,
        defaultDurationHours: 24,
        maxDurationHours: 168,
        timeScale: 1,
      });
      expect(config.sms).toEqual({
        senderId: 'AMBERALERT',
        smsType: 'Transactional',
        maxPriceUsd: '0.50',
        segmentBudget: 1,
        transliterate: true,
        ratePerSecond: 20,
        // Albania: alphanumeric sender ID only, so the texts give the web route to stop.
        twoWay: false,
        stopUrl: 'https://amber.example.org/unsubscribe',
      });
      expect(config.subscriptions).toEqual({
        codeTtlMinutes: 15,
        maxConfirmAttempts: 5,
        codesPerPhonePerHour: 3,
        codesPerClientPerHour: 20,
        codeSmsPerHour: 1000,
      });
      expect(config.retentionDays).toBe(30);
      expect(config.publicThrottle).toEqual({ ratePerSecond: 50, burst: 100 });
    });
  });

  test('reads every override from the environment', () => {
    const config = loadConfig({
      AMBER_STAGE: 'prod',
      AMBER_PUBLIC_BASE_URL: 'https://amber.policia.al//',
      AMBER_APPROVAL_TIMEOUT_MINUTES: '45',
      AMBER_UPDATE_APPROVAL_TIMEOUT_MINUTES: '10',
      AMBER_DEFAULT_DURATION_HOURS: '48',
      AMBER_TIME_SCALE: '3600',
      AMBER_REQUIRED_CRITERIA: ' abductionBelieved ',
      AMBER_SMS_SEGMENT_BUDGET: '3',
      AMBER_SMS_TRANSLITERATE: 'false',
      AMBER_SMS_MAX_PRICE_USD: '1.25',
      AMBER_SMS_RATE_PER_SECOND: '300',
      AMBER_CODE_TTL_MINUTES: '5',
      AMBER_MAX_CONFIRM_ATTEMPTS: '3',
      AMBER_CODES_PER_PHONE_PER_HOUR: '2',
      AMBER_CODES_PER_CLIENT_PER_HOUR: '50',
      AMBER_CODE_SMS_PER_HOUR: '200',
      AMBER_TWO_WAY_SMS: 'true',
      AMBER_RETENTION_DAYS: '90',
    });
    expect(config.stage).toBe('prod');
    expect(config.publicBaseUrl).toBe('https://amber.policia.al');
    expect(config.timeouts).toMatchObject({
      approvalMinutes: 45,
      updateApprovalMinutes: 10,
      defaultDurationHours: 48,
      timeScale: 3600,
    });
    expect(config.requiredCriteria).toEqual(['abductionBelieved']);
    expect(config.sms).toMatchObject({
      segmentBudget: 3,
      transliterate: false,
      maxPriceUsd: '1.25',
      ratePerSecond: 300,
      twoWay: true,
      stopUrl: 'https://amber.policia.al/unsubscribe',
    });
    expect(config.subscriptions).toEqual({
      codeTtlMinutes: 5,
      maxConfirmAttempts: 3,
      codesPerPhonePerHour: 2,
      codesPerClientPerHour: 50,
      codeSmsPerHour: 200,
    });
    expect(config.retentionDays).toBe(90);
  });

  test('reads the public throttle; a rate of 0 turns it off', () => {
    expect(loadConfig({ AMBER_PUBLIC_RATE_PER_SECOND: '0', AMBER_PUBLIC_BURST: '7' }).publicThrottle).toEqual(
      { ratePerSecond: 0, burst: 7 },
    );
  });

  test('ignores environment variables it does not own', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', AWS_REGION: 'eu-central-1' })).not.toThrow();
  });

  test.each([
    ['AMBER_APPROVAL_TIMEOUT_MINUTES', 'soon'],
    ['AMBER_APPROVAL_TIMEOUT_MINUTES', '0'],
    ['AMBER_APPROVAL_TIMEOUT_MINUTES', '1.5'],
    ['AMBER_DEFAULT_DURATION_HOURS', '169'],
    ['AMBER_TIME_SCALE', '0.5'],
    ['AMBER_SMS_TRANSLITERATE', 'yes'],
    ['AMBER_SMS_MAX_PRICE_USD', '-1'],
    ['AMBER_SMS_SEGMENT_BUDGET', '11'],
    ['AMBER_PUBLIC_BASE_URL', 'not a url'],
    ['AMBER_MAX_CONFIRM_ATTEMPTS', '21'],
    ['AMBER_PUBLIC_RATE_PER_SECOND', '-1'],
    ['AMBER_PUBLIC_BURST', '0'],
  ])('refuses %s=%s and names the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(/^Invalid configuration/);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  test('refuses a country it has no profile for', () => {
    expect(() => loadConfig({ AMBER_COUNTRY: 'XK' })).toThrow('Unknown AMBER_COUNTRY XK');
  });

  test('refuses criteria it does not know', () => {
    expect(() => loadConfig({ AMBER_REQUIRED_CRITERIA: 'abductionBelieved,hasPhoto' })).toThrow(
      'Unknown criteria in AMBER_REQUIRED_CRITERIA: hasPhoto',
    );
  });

  test('reads process.env when called without an argument', () => {
    const saved = process.env.AMBER_STAGE;
    process.env.AMBER_STAGE = 'from-process-env';
    try {
      expect(loadConfig().stage).toBe('from-process-env');
    } finally {
      if (saved === undefined) delete process.env.AMBER_STAGE;
      else process.env.AMBER_STAGE = saved;
    }
  });
});

describe('loadResourceNames', () => {
  test('defaults the table names and leaves ARNs unset', () => {
    expect(loadResourceNames({})).toEqual({
      alertsTable: 'amber-alerts',
      subscribersTable: 'amber-subscribers',
      deliveriesTable: 'amber-deliveries',
      tipsTable: 'amber-tips',
      stateMachineArn: undefined,
      approvalsTopicArn: undefined,
      opsTopicArn: undefined,
    });
  });

  test('reads names handed over by the CDK app', () => {
    const names = loadResourceNames({
      ALERTS_TABLE: 'prod-alerts',
      SUBSCRIBERS_TABLE: 'prod-subs',
      DELIVERIES_TABLE: 'prod-deliveries',
      TIPS_TABLE: 'prod-tips',
      STATE_MACHINE_ARN: 'arn:aws:states:eu-central-1:1:stateMachine:amber',
      APPROVALS_TOPIC_ARN: 'arn:aws:sns:eu-central-1:1:approvals',
      OPS_TOPIC_ARN: 'arn:aws:sns:eu-central-1:1:ops',
      CONTENT_SIGNING_KEY_ID: 'arn:aws:kms:eu-central-1:1:key/k',
    });
    expect(names).toEqual({
      alertsTable: 'prod-alerts',
      subscribersTable: 'prod-subs',
      deliveriesTable: 'prod-deliveries',
      tipsTable: 'prod-tips',
      stateMachineArn: 'arn:aws:states:eu-central-1:1:stateMachine:amber',
      approvalsTopicArn: 'arn:aws:sns:eu-central-1:1:approvals',
      opsTopicArn: 'arn:aws:sns:eu-central-1:1:ops',
      contentSigningKeyId: 'arn:aws:kms:eu-central-1:1:key/k',
    });
  });
});
