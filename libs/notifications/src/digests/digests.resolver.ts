import { Args, Int, Mutation, Resolver, registerEnumType } from '@nestjs/graphql';
import { Role, Roles } from '@switchyard/identity';
import { DigestKind } from './digest-period';
import { DigestScheduler } from './digest-scheduler.service';

registerEnumType(DigestKind, { name: 'DigestKind', description: 'The weekly email digests' });

@Resolver()
export class DigestsResolver {
  constructor(private readonly scheduler: DigestScheduler) {}

  @Roles(Role.ADMIN)
  @Mutation(() => Int, {
    description:
      "Queues this period's digest of `kind` (the ISO week in each user's zone) for every opted-in user who has not had it, " +
      'whatever their chosen weekday and hour (ADMIN). Returns how many digests are queued; users with nothing to read get none.',
  })
  runDigestsNow(@Args('kind', { type: () => DigestKind }) kind: DigestKind): Promise<number> {
    return this.scheduler.runNow(kind);
  }
}
