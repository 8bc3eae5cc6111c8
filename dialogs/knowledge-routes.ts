import { z } from 'zod';
import { ArticleId } from '../knowledge/schema';
import type { QuestionServices } from './ask-question';
import { FEEDBACK, FEEDBACK_QUESTION_CHARS, READ_ARTICLE, articleMessage } from './knowledge-replies';
import { submissionRoute, type SubmissionRoute } from './router';

/** Card submissions for the knowledge base: read an article, say whether it helped. */
export function knowledgeSubmissions(services: QuestionServices): SubmissionRoute[] {
  return [
    submissionRoute(READ_ARTICLE, z.object({ action: z.literal(READ_ARTICLE), articleId: ArticleId }).strict(), async (dc, data) => {
      const article = services.knowledge.article(data.articleId);
      if (!article) {
        await dc.context.sendActivity('Sorry, that topic is no longer available. Please ask your question again.');
        return;
      }
      await dc.context.sendActivity(articleMessage(article));
    }),
    submissionRoute(
      FEEDBACK,
      z.object({ action: z.literal(FEEDBACK), articleId: ArticleId, helpful: z.enum(['yes', 'no']), question: z.string().max(FEEDBACK_QUESTION_CHARS).optional() }).strict(),
      async (dc, data) => {
        if (!services.knowledge.article(data.articleId)) {
          await dc.context.sendActivity('Sorry, I could not record that. Thank you for trying.');
          return;
        }
        const helpful = data.helpful === 'yes';
        services.usage?.({ kind: 'feedback', helpful });
        await services.recordFeedback({ kind: 'feedback', articleId: data.articleId, helpful, ...(!helpful && data.question ? { question: data.question } : {}) });
        await dc.context.sendActivity(
          data.helpful === 'yes'
            ? 'Thank you. I am glad that helped.'
            : 'Thank you for telling us. We use this to improve our answers. You can ask your question in a different way, or choose "Contact SENDIAS" for advice from a person.',
        );
      },
    ),
  ];
}
