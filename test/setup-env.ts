// Handler modules build their AWS clients and logger at import: give them a region and keep test output readable.
process.env.AWS_REGION ??= 'eu-central-1';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_DEV ??= 'false';
// The SDK's documented switch for its Node 20 end-of-support notice (aws/aws-sdk-js-v3#7983): tests only; npm start
// and the benches still print it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
