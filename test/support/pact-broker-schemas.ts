import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';

/**
 * The request bodies the Pact Broker documents for the endpoints vcc-sim uses, as JSON Schemas,
 * after the broker's own validation rules (`lib/pact_broker/api/contracts/*` and the API docs:
 * publish-contracts, pacts-for-verification with consumer version selectors, verification
 * results). Unknown keys are refused, so a misspelt field fails loudly here even though the real
 * broker would silently ignore it.
 */

const nonBlankLine = { type: 'string', pattern: '^[^\\r\\n]*\\S[^\\r\\n]*$' };

const PUBLISH_CONTRACTS_SCHEMA = {
  type: 'object',
  required: ['pacticipantName', 'pacticipantVersionNumber', 'contracts'],
  additionalProperties: false,
  properties: {
    pacticipantName: nonBlankLine,
    pacticipantVersionNumber: nonBlankLine,
    tags: { type: 'array', items: nonBlankLine },
    branch: nonBlankLine,
    buildUrl: { type: 'string', pattern: '^[^\\r\\n]*$' },
    contracts: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['consumerName', 'providerName', 'specification', 'contentType', 'content'],
        additionalProperties: false,
        properties: {
          consumerName: nonBlankLine,
          providerName: nonBlankLine,
          specification: { enum: ['pact'] },
          contentType: { enum: ['application/json'] },
          content: { type: 'string', minLength: 1 },
          onConflict: { enum: ['overwrite', 'merge'] },
          writeMode: { enum: ['overwrite', 'merge'] },
        },
      },
    },
  },
} as const;

const SELECTOR_KEYS = {
  mainBranch: { const: true },
  tag: nonBlankLine,
  branch: nonBlankLine,
  matchingBranch: { const: true },
  latest: { type: 'boolean' },
  fallbackTag: nonBlankLine,
  fallbackBranch: nonBlankLine,
  fallbackToMainBranch: { const: true },
  consumer: nonBlankLine,
  deployed: { const: true },
  released: { const: true },
  deployedOrReleased: { const: true },
  environment: nonBlankLine,
};

const PACTS_FOR_VERIFICATION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    providerVersionBranch: { type: 'string' },
    providerVersionTags: { type: 'array', items: { type: 'string' } },
    includePendingStatus: { type: 'boolean' },
    includeWipPactsSince: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}' },
    consumerVersionSelectors: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: SELECTOR_KEYS,
        // "has minimum required params"
        anyOf: [
          { required: ['mainBranch'] },
          { required: ['tag'] },
          { required: ['branch'] },
          { required: ['environment'] },
          { required: ['matchingBranch'] },
          { required: ['deployed'] },
          { required: ['released'] },
          { required: ['deployedOrReleased'] },
          { required: ['latest'], properties: { latest: { const: true } } },
        ],
        allOf: [
          // tag and branch are exclusive
          { not: { required: ['tag', 'branch'] } },
          // mainBranch only with consumer/latest
          {
            if: { required: ['mainBranch'] },
            then: {
              propertyNames: { enum: ['mainBranch', 'consumer', 'latest'] },
              properties: { latest: { const: true } },
            },
          },
          {
            if: { required: ['matchingBranch'] },
            then: { propertyNames: { enum: ['matchingBranch', 'consumer'] } },
          },
          { if: { required: ['fallbackTag'] }, then: { required: ['tag', 'latest'] } },
          { if: { required: ['fallbackBranch'] }, then: { required: ['branch'] } },
        ],
      },
    },
  },
} as const;

const VERIFICATION_RESULT_SCHEMA = {
  type: 'object',
  required: ['success', 'providerApplicationVersion'],
  properties: {
    success: { type: 'boolean' },
    providerApplicationVersion: nonBlankLine,
    buildUrl: { type: 'string', format: 'uri' },
    testResults: { type: 'array' },
    verifiedBy: { type: 'object' },
  },
} as const;

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addFormat('uri', { type: 'string', validate: (value: string) => URL.canParse(value) });

const validators = {
  publishContracts: ajv.compile(PUBLISH_CONTRACTS_SCHEMA),
  pactsForVerification: ajv.compile(PACTS_FOR_VERIFICATION_SCHEMA),
  verificationResult: ajv.compile(VERIFICATION_RESULT_SCHEMA),
};

function messages(errors: ErrorObject[] | null | undefined): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const error of errors ?? []) {
    const field =
      error.keyword === 'required'
        ? `${error.instancePath}/${String(error.params['missingProperty'])}`
        : error.keyword === 'additionalProperties'
          ? `${error.instancePath}/${String(error.params['additionalProperty'])}`
          : error.instancePath || '/';
    const message =
      error.keyword === 'additionalProperties'
        ? 'is not a documented field'
        : (error.message ?? 'is invalid');
    (byField[field.replace(/^\//, '').replaceAll('/', '.')] ??= []).push(message);
  }
  return byField;
}

/** Validates a request body; returns the broker-style `errors` object, or `undefined` when valid. */
export function validateBrokerRequest(
  kind: keyof typeof validators,
  body: unknown,
): Record<string, string[]> | undefined {
  const validate = validators[kind];
  return validate(body) ? undefined : messages(validate.errors);
}
