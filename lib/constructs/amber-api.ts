import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  type JsonSchema as GatewayJsonSchema,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  type MethodOptions,
  type Model,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { loadConfig } from '../../lambdas/config/config';
import { HSTS } from '../../lambdas/http/responses';
import { apiGatewayBodyModels } from '../api-gateway-models';
import { API_HANDLERS, API_ROUTES, type ApiHandlerName, type ApiRoute } from '../api-routes';
import { routeKey } from '../openapi';
import type { StageConfig } from '../stages';
import { AmberFunction } from './amber-function';

export interface AmberApiProps {
  stage: StageConfig;
  /** The police users; the authorizer accepts their ID tokens. */
  userPool: IUserPool;
  /** @default API_ROUTES */
  routes?: readonly ApiRoute[];
  /** The stack's shared dead-letter queue, for every function. */
  deadLetterQueue?: IQueue;
}

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The handlers behind public routes that text a phone number (or check a code sent to one). */
const SMS_HANDLERS: readonly ApiHandlerName[] = [
  'subscribe',
  'confirmSubscription',
  'unsubscribe',
  'confirmUnsubscribe',
];

/**
 * The REST API, built from the route table in lib/api-routes.ts: one function per handler, one method per
 * route, police routes behind the Cognito user pool authorizer. JSON access logs, X-Ray, stage throttling.
 *
 * Functions get no resource access here: the stack binds each one to what it needs.
 */
export class AmberApi extends Construct {
  readonly api: RestApi;
  readonly authorizer: CognitoUserPoolsAuthorizer;
  readonly accessLogs: LogGroup;
  readonly functions: Readonly<Record<ApiHandlerName, AmberFunction>>;

  constructor(
    scope: Construct,
    id: string,
    { stage, userPool, routes = API_ROUTES, deadLetterQueue }: AmberApiProps,
  ) {
    super(scope, id);

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: stage.logRetention,
      removalPolicy: stage.removalPolicy,
    });

    const smsThrottle = {
      throttlingRateLimit: stage.subscribeThrottle.rateLimit,
      throttlingBurstLimit: stage.subscribeThrottle.burstLimit,
    };
    // Police methods carry their own limits: a crowd on the public routes never takes officers' capacity.
    const policeThrottle = {
      throttlingRateLimit: stage.policeThrottle.rateLimit,
      throttlingBurstLimit: stage.policeThrottle.burstLimit,
    };
    const methodThrottle = (r: ApiRoute) =>
      r.auth ? policeThrottle : SMS_HANDLERS.includes(r.handler) ? smsThrottle : undefined;
    this.api = new RestApi(this, 'Api', {
      restApiName: `amber-${stage.name}`,
      description: `AMBER Alert ${stage.name}: police and public API`,
      endpointTypes: [EndpointType.REGIONAL],
      // Access logging needs the account-wide API Gateway role; other APIs of the account may rely on it.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: stage.name,
        tracingEnabled: true,
        metricsEnabled: true,
        // Execution logs for errors only, never request or response bodies (they carry personal data).
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        throttlingRateLimit: stage.apiThrottle.rateLimit,
        throttlingBurstLimit: stage.apiThrottle.burstLimit,
        methodOptions: Object.fromEntries(
          routes.flatMap((r) => {
            const throttle = methodThrottle(r);
            return throttle ? [[`${r.path}/${r.method}`, throttle]] : [];
          }),
        ),
        accessLogDestination: new LogGroupLogDestination(this.accessLogs),
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: AccessLogField.contextRequestId(),
            requestTime: AccessLogField.contextRequestTime(),
            ip: AccessLogField.contextIdentitySourceIp(),
            userAgent: AccessLogField.contextIdentityUserAgent(),
            httpMethod: AccessLogField.contextHttpMethod(),
            resourcePath: AccessLogField.contextResourcePath(),
            status: AccessLogField.contextStatus(),
            responseLength: AccessLogField.contextResponseLength(),
            responseLatency: AccessLogField.contextResponseLatency(),
            integrationLatency: AccessLogField.contextIntegrationLatency(),
            integrationStatus: AccessLogField.contextIntegrationStatus(),
            error: AccessLogField.contextErrorMessage(),
            // The police user (Cognito `sub`), empty on public routes.
            sub: AccessLogField.contextAuthorizerClaims('sub'),
            xrayTraceId: AccessLogField.contextXrayTraceId(),
          }),
        ),
      },
    });

    this.authorizer = new CognitoUserPoolsAuthorizer(this, 'PoliceAuthorizer', {
      cognitoUserPools: [userPool],
      authorizerName: `amber-${stage.name}-police`,
    });

    const functions = {} as Record<ApiHandlerName, AmberFunction>;
    for (const [name, entry] of Object.entries(API_HANDLERS) as [ApiHandlerName, string][]) {
      functions[name] = new AmberFunction(this, pascal(name), {
        entry,
        stage,
        description: `API: ${name}`,
        ...(deadLetterQueue ? { deadLetterQueue } : {}),
      });
    }
    this.functions = functions;

    // API Gateway checks each JSON body against its route's model before the function runs (a bad request
    // costs no invocation); the handlers then validate every field again (zod) and answer 4xx with the field
    // and reason. The models are the handlers' zod schemas for the functions' configuration: the variables
    // AmberFunction sets, the defaults for the rest (country, regions, languages, criteria; no schema
    // depends on the public base URL).
    const functionConfig = loadConfig({
      AMBER_STAGE: stage.name,
      AMBER_SMS_MAX_PRICE_USD: stage.smsMaxPriceUsd,
    });
    const bodyModels = new Map<string, Model>(
      apiGatewayBodyModels(functionConfig, routes).map(({ route, name, schema }) => [
        routeKey(route),
        this.api.addModel(name, {
          modelName: name,
          contentType: 'application/json',
          description: `Request body of ${routeKey(route)}, generated from the handler's zod schema`,
          schema: schema as GatewayJsonSchema,
        }),
      ]),
    );
    // A body API Gateway refuses gets the API's JSON error shape. Its validation detail cannot be passed on:
    // gateway response templates do no escaping, and the detail has quotes in it.
    // What API Gateway answers by itself (authorizer refusals, throttling, unknown routes, its own faults)
    // carries HSTS like the handlers' answers: the defaults cover every response type not set on its own.
    const hsts = { 'Strict-Transport-Security': `'${HSTS}'` };
    for (const [id, type] of [
      ['Default4xx', ResponseType.DEFAULT_4XX],
      ['Default5xx', ResponseType.DEFAULT_5XX],
    ] as const) {
      this.api.addGatewayResponse(id, {
        type,
        responseHeaders: hsts,
        templates: { 'application/json': '{"message":$context.error.messageString}' },
      });
    }
    this.api.addGatewayResponse('BadRequestBody', {
      type: ResponseType.BAD_REQUEST_BODY,
      statusCode: '400',
      responseHeaders: hsts,
      templates: {
        'application/json': JSON.stringify({
          message: 'Invalid request body: it does not match the schema of this route in the OpenAPI document',
        }),
      },
    });
    // Bodies are validated by the handler against the same zod schema, which names the field and the reason
    // (the gateway can only say "invalid body"); the models stay on every method as the published contract.
    const requestValidator = this.api.addRequestValidator('RequestValidator', {
      validateRequestBody: false,
      validateRequestParameters: true,
    });
    const police: MethodOptions = {
      authorizer: this.authorizer,
      authorizationType: AuthorizationType.COGNITO,
      requestValidator,
    };
    const anyone: MethodOptions = { authorizationType: AuthorizationType.NONE, requestValidator };
    for (const route of routes) {
      const integration = new LambdaIntegration(functions[route.handler], { allowTestInvoke: false });
      const model = bodyModels.get(routeKey(route));
      this.api.root.resourceForPath(route.path).addMethod(route.method, integration, {
        ...(route.auth ? police : anyone),
        ...(model ? { requestModels: { 'application/json': model } } : {}),
      });
    }
  }
}
