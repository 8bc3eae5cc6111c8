import type { Activity, TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import type { StartOptions } from './router';

/** A dialog that answers in one reply and ends: the lists and reports. */
export class OneStepDialog extends ComponentDialog {
  constructor(id: string, reply: (context: TurnContext, options: StartOptions) => Promise<Partial<Activity> | string>) {
    super(id);
    this.addDialog(
      new WaterfallDialog<StartOptions>(`${id}.steps`, [
        async (step) => {
          await step.context.sendActivity(await reply(step.context, step.options ?? {}));
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = `${id}.steps`;
  }
}
