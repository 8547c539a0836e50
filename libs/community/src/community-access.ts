import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ForbiddenError, NotFoundError } from '@switchyard/graphql';
import { AuthUser, Role } from '@switchyard/identity';

/**
 * Who may do what in a community, in one place for communities, cohorts and
 * meetups: organizers manage only their own communities (administrators may
 * act everywhere); members are ACTIVE rows of community_members.
 */
@Injectable()
export class CommunityAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async isOrganizer(communityId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM community_organizers WHERE community_id = $1 AND user_id = $2', [communityId, userId]);
    return rows.length > 0;
  }

  async isMember(communityId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM community_members WHERE community_id = $1 AND user_id = $2 AND status = 'ACTIVE'`, [
      communityId,
      userId,
    ]);
    return rows.length > 0;
  }

  /** Organizers of the community and administrators. */
  async canManage(viewer: AuthUser, communityId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return viewer.roles.includes(Role.ADMIN) || this.isOrganizer(communityId, viewer.id, manager);
  }

  /** NOT_FOUND for a missing community, FORBIDDEN unless the viewer organizes it (or is an administrator). */
  async assertOrganizer(viewer: AuthUser, communityId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const [community] = await manager.query('SELECT id FROM communities WHERE id = $1', [communityId]);
    if (!community) throw new NotFoundError('Community', communityId);
    if (viewer.roles.includes(Role.ADMIN)) return;
    if (!(await this.isOrganizer(communityId, viewer.id, manager))) {
      throw new ForbiddenError('Only the organizers of this community can do this.');
    }
  }
}
