import type { StageName } from './phases';

export interface DefaultMilestone {
  slug: string;
  stage: StageName;
  title: string;
  titleZh: string;
}

/**
 * Every new cohort starts with these, one list per phase, taken from the
 * domain brief's milestones (a PRD, a user story map, a competition entry ...);
 * organizers add their own with addCohortMilestone.
 */
export const DEFAULT_MILESTONES: readonly DefaultMilestone[] = [
  { slug: 'prd', stage: 'KNOWLEDGE', title: 'Write a PRD', titleZh: '撰写一份产品需求文档（PRD）' },
  { slug: 'user-story-map', stage: 'KNOWLEDGE', title: 'Build a user story map', titleZh: '完成一张用户故事地图' },
  { slug: 'competition', stage: 'VALIDATION', title: 'Enter a product or data competition (e.g. Kaggle)', titleZh: '参加一次产品或数据竞赛（如 Kaggle）' },
  { slug: 'open-source', stage: 'VALIDATION', title: 'Contribute to an open-source project', titleZh: '为一个开源项目做出贡献' },
  { slug: 'hackathon', stage: 'VALIDATION', title: 'Join a hackathon', titleZh: '参加一次黑客松' },
  { slug: 'quantified-result', stage: 'VALIDATION', title: 'Reach a quantified project result', titleZh: '取得一个可量化的项目成果' },
  { slug: 'blog-or-demo', stage: 'LEAP', title: 'Publish a blog post or demo video', titleZh: '发布一篇博客或演示视频' },
  { slug: 'mock-interview', stage: 'LEAP', title: 'Pass a mock product-design interview', titleZh: '通过一次模拟产品设计面试' },
  { slug: 'referral', stage: 'LEAP', title: 'Get a referral', titleZh: '获得一次内推' },
];
