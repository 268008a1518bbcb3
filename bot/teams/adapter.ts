import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from '../config.js';

/**
 * TeamsAdapter with authentication and processing as two steps, so the HTTP layer can refuse an
 * activity from another tenant after the JWT check and before any bot code runs.
 */
export class BotAdapter extends TeamsAdapter {
  authenticate(authHeader: string, activity: Activity): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  processAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(auth, activity, logic);
  }
}

export function createBotAdapter(config: Config): BotAdapter {
  if (!config.bot) {
    // Local mode: with no app id botbuilder accepts requests without a JWT and calls the connector without a token.
    return new BotAdapter({});
  }
  return new BotAdapter({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.appTenantId,
  });
}
