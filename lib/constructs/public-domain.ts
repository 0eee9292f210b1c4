import { CfnOutput } from 'aws-cdk-lib';
import {
  BasePathMapping,
  DomainName,
  EndpointType,
  type RestApi,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Construct } from 'constructs';
import type { PublicDomainConfig } from '../stages';

export interface PublicDomainProps {
  domain: Required<PublicDomainConfig>;
  api: RestApi;
}

/**
 * The public side's host name on the API: a regional API Gateway custom domain with the stage mapped at
 * its root, so that `https://<domain>/a/{id}` is the alert page the SMS link opens (no stage prefix in the
 * path). DNS stays with the country's zone: point the name at the `PublicDomainTarget` output.
 *
 * A CDN in front of the API would take over the name: the distribution then gets the certificate and this
 * mapping goes, while AMBER_PUBLIC_BASE_URL stays `https://<domain>`.
 */
export class PublicDomain extends Construct {
  readonly domainName: DomainName;

  constructor(scope: Construct, id: string, { domain, api }: PublicDomainProps) {
    super(scope, id);
    this.domainName = new DomainName(this, 'Domain', {
      domainName: domain.domainName,
      certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
      endpointType: EndpointType.REGIONAL,
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    new BasePathMapping(this, 'Root', {
      domainName: this.domainName,
      restApi: api,
      stage: api.deploymentStage,
    });
    new CfnOutput(scope, 'PublicDomainTarget', {
      description: `DNS: ${domain.domainName} CNAME (or alias A) to this name`,
      value: this.domainName.domainNameAliasDomainName,
    });
  }
}
