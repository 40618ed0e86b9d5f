import { Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { batchLoader } from '../../graphql/batch-loader';
import { Suggestion } from '../../linkage/graphql/suggestion.model';
import { AdvisoryQueryRepository, CommentRow } from './advisory-query.repository';
import { CommentModel } from './advisory.model';

/** The comments on a suggestion (comments belong to this module; the suggestion type to linkage). */
@Resolver(() => Suggestion)
export class SuggestionCommentsResolver {
  private readonly loaders = new WeakMap<object, (id: number) => Promise<CommentRow[] | null>>();
  private readonly counters = new WeakMap<object, (id: number) => Promise<number | null>>();

  constructor(private readonly queries: AdvisoryQueryRepository) {}

  @ResolveField(() => [CommentModel], { description: 'Comments of maintainers and the security team, oldest first.' })
  async comments(@Parent() s: Suggestion, @Context() ctx: object): Promise<CommentModel[]> {
    let load = this.loaders.get(ctx);
    if (!load) {
      load = batchLoader((ids: number[]) => this.queries.comments('suggestion', ids));
      this.loaders.set(ctx, load);
    }
    return ((await load(Number(s.id))) ?? []).map(commentModel);
  }

  @ResolveField(() => Int, { description: 'How many comments it has (cheaper than comments, for lists).' })
  async commentCount(@Parent() s: Suggestion, @Context() ctx: object): Promise<number> {
    let count = this.counters.get(ctx);
    if (!count) {
      count = batchLoader((ids: number[]) => this.queries.commentCounts('suggestion', ids));
      this.counters.set(ctx, count);
    }
    return (await count(Number(s.id))) ?? 0;
  }
}

export function commentModel(c: CommentRow): CommentModel {
  return { ...c, id: String(c.id) };
}
