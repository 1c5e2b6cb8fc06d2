/**
 * `tsx src/main.ts`: provisions the subscription from environment variables, and prints the
 * signing secret the one time VCC shows it.
 */
import { provisionWebhook, type Region } from './provision-webhook.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name}`);
  return value;
}

const result = await provisionWebhook({
  region: (process.env['VCC_REGION'] ?? 'emea') as Region,
  clientId: required('VCC_CLIENT_ID'),
  clientSecret: required('VCC_CLIENT_SECRET'),
  name: process.env['VCC_SUBSCRIPTION_NAME'] ?? 'orders-service',
  url: required('WEBHOOK_URL'),
  events: (process.env['VCC_EVENTS'] ?? 'channel.*').split(','),
});
console.log(`${result.action} subscription ${result.subscriptionId}`);
if (result.secret) console.log(`Signing secret (shown once, store it now): ${result.secret}`);
