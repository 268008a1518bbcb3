import { helpCard } from '../../cards/help.js';
import type { AdaptiveCard } from '../../cards/types.js';
import { approvalsNotAvailable } from './groups/approvals.js';
import type { FlowDeps, Turn } from './turn.js';

/** `help` (and any text the bot does not recognise): the commands this caller may use, with buttons for those that start a flow. */
export async function showHelp(deps: FlowDeps, turn: Turn, preface?: string): Promise<AdaptiveCard> {
  const capabilities = await deps.authorizer.capabilities(turn.caller);
  const items: Array<{ command: string; description: string; action?: { title: string; verb: string } }> = [
    { command: 'help', description: 'Shows this list.' },
  ];

  if (capabilities.notifyDevice.allowed) {
    items.push({
      command: 'notify device [name, UPN or serial]',
      description: 'Sends a custom notification to the Company Portal of one iOS/iPadOS or Android work profile device.',
      action: { title: 'Notify a device', verb: 'device.search' },
    });
  }

  if (capabilities.notifyGroups.allowed && !deps.approvalsRequired) {
    items.push({
      command: 'notify groups',
      description: 'Sends a custom notification to the users of up to 25 Entra groups: Basics, Assignments, then Review + Create.',
      action: { title: 'Notify groups', verb: 'groups.start' },
    });
  }

  const denied = [capabilities.notifyDevice, capabilities.notifyGroups].flatMap((capability) => (capability.allowed ? [] : [capability.reason]));
  const approvals = deps.approvalsRequired ? approvalsNotAvailable().userMessage : undefined;
  const notes = [preface, ...denied, approvals].filter((note): note is string => note !== undefined);
  return helpCard({ items, note: notes.length > 0 ? notes.join('\n\n') : undefined });
}
