/**
 * The seed skill taxonomy: dimensions, skills, fields and each field's
 * requirement profile, in English and Simplified Chinese.
 *
 * The first seven dimensions and their skills come from the domain brief
 * (docs/domain.md, distilled from the article in seeds/): the four dimensions an
 * engineer adds to become an AI product manager, plus the foundations of the
 * "knowledge" stage. The `engineering` dimension holds the software and data
 * skills that other fields require and that switchers start out strong in.
 *
 * Order matters: array position becomes the `position` column, and the first
 * field (AI product management) is the flagship target.
 *
 * Requirement levels are on the 0-5 rating scale; weights are 0-10, where 0
 * means "listed for context but not counted in the gap".
 */

export interface TaxonomyDimension {
  slug: string;
  en: string;
  zh: string;
}

export interface TaxonomySkill {
  slug: string;
  dimension: string;
  en: string;
  zh: string;
}

/** level 0-5 integer, weight 0..10 (0 allowed: listed but not counted) */
export interface TaxonomyRequirement {
  skill: string;
  level: number;
  weight: number;
}

export interface TaxonomyField {
  slug: string;
  en: string;
  zh: string;
  requirements: TaxonomyRequirement[];
}

export interface TaxonomyData {
  dimensions: TaxonomyDimension[];
  skills: TaxonomySkill[];
  fields: TaxonomyField[];
}

/** Shorthand for requirement rows: [skill, level, weight]. */
function reqs(rows: [skill: string, level: number, weight: number][]): TaxonomyRequirement[] {
  return rows.map(([skill, level, weight]) => ({ skill, level, weight }));
}

export const TAXONOMY: TaxonomyData = {
  dimensions: [
    { slug: 'ai-technical-judgement', en: 'AI technical judgement', zh: 'AI 技术判断' },
    { slug: 'product-design', en: 'Product design', zh: '产品设计' },
    { slug: 'business', en: 'Business', zh: '商业思维' },
    { slug: 'cross-functional-collaboration', en: 'Cross-functional collaboration', zh: '跨部门协作' },
    { slug: 'product-fundamentals', en: 'Product fundamentals', zh: '产品基础' },
    { slug: 'ai-fundamentals', en: 'AI fundamentals', zh: 'AI 通识' },
    { slug: 'domain', en: 'Domain knowledge', zh: '行业领域' },
    { slug: 'engineering', en: 'Engineering & data', zh: '工程与数据' },
  ],

  skills: [
    // AI technical judgement
    { slug: 'model-selection', dimension: 'ai-technical-judgement', en: 'Model selection', zh: '模型选型' },
    {
      slug: 'ai-cost-benefit',
      dimension: 'ai-technical-judgement',
      en: 'Training & inference cost-benefit (ROI)',
      zh: '训练与推理成本效益(ROI)分析',
    },
    {
      slug: 'ai-ethics-risk',
      dimension: 'ai-technical-judgement',
      en: 'AI ethics & risk (bias, privacy)',
      zh: 'AI 伦理与风险评估(偏见、隐私)',
    },
    { slug: 'model-capability-limits', dimension: 'ai-technical-judgement', en: 'Model capability limits', zh: '模型能力边界判断' },
    { slug: 'prompt-engineering', dimension: 'ai-technical-judgement', en: 'Prompt engineering', zh: '提示词工程' },
    {
      slug: 'rag-agent-architecture',
      dimension: 'ai-technical-judgement',
      en: 'RAG & agent architectures',
      zh: 'RAG 与智能体架构',
    },

    // Product design
    {
      slug: 'user-pain-point-research',
      dimension: 'product-design',
      en: 'User pain-point research (NPS, behavioural data)',
      zh: '用户痛点洞察(NPS 调研、行为数据分析)',
    },
    { slug: 'mvp-experiments', dimension: 'product-design', en: 'MVP experiments', zh: 'MVP 验证实验' },
    {
      slug: 'ai-experience-metrics',
      dimension: 'product-design',
      en: 'AI experience metrics (coherence, hallucination rate)',
      zh: 'AI 体验度量(对话连贯性、幻觉率)',
    },
    { slug: 'ab-testing', dimension: 'product-design', en: 'A/B testing', zh: 'A/B 测试' },
    { slug: 'human-ai-interaction-design', dimension: 'product-design', en: 'Human-AI interaction design', zh: '人机协作交互设计' },
    { slug: 'rapid-prototyping', dimension: 'product-design', en: 'Rapid prototyping', zh: '快速原型验证' },

    // Business
    {
      slug: 'monetisation-models',
      dimension: 'business',
      en: 'Monetisation models (per-call pricing, outcome tiers)',
      zh: '变现模式设计(按调用计费、效果分级付费)',
    },
    {
      slug: 'ai-stack-positioning',
      dimension: 'business',
      en: 'AI stack positioning (model, middleware, vertical app)',
      zh: 'AI 应用栈生态位分析(基础模型/中间件/垂直应用)',
    },
    {
      slug: 'moats-data-flywheel',
      dimension: 'business',
      en: 'Moats & data flywheel',
      zh: '竞争壁垒构建(数据飞轮、专属模型)',
    },
    { slug: 'market-competitor-analysis', dimension: 'business', en: 'Market & competitor analysis', zh: '市场与竞品分析' },
    { slug: 'go-to-market', dimension: 'business', en: 'Go-to-market strategy', zh: '市场进入(GTM)策略' },

    // Cross-functional collaboration
    {
      slug: 'layered-communication',
      dimension: 'cross-functional-collaboration',
      en: 'Layered communication (F1 to the CTO, ROI to the CEO)',
      zh: '需求分层表达(向 CTO 讲 F1 值,向 CEO 讲 ROI)',
    },
    {
      slug: 'model-expectation-management',
      dimension: 'cross-functional-collaboration',
      en: 'Managing expectations on model limits & iteration cycles',
      zh: '模型局限与迭代周期的预期管理',
    },
    {
      slug: 'urgency-vs-tech-debt',
      dimension: 'cross-functional-collaboration',
      en: 'Balancing business urgency vs technical debt',
      zh: '平衡业务急迫性与技术债务',
    },
    { slug: 'stakeholder-management', dimension: 'cross-functional-collaboration', en: 'Stakeholder management', zh: '干系人管理' },
    { slug: 'technical-writing', dimension: 'cross-functional-collaboration', en: 'Technical writing', zh: '技术写作' },
    {
      slug: 'public-speaking-community',
      dimension: 'cross-functional-collaboration',
      en: 'Public speaking & community building',
      zh: '公开演讲与社区运营',
    },

    // Product fundamentals
    { slug: 'prd-writing', dimension: 'product-fundamentals', en: 'PRD writing', zh: '需求文档(PRD)撰写' },
    { slug: 'user-story-mapping', dimension: 'product-fundamentals', en: 'User story mapping', zh: '用户故事地图' },
    {
      slug: 'roadmapping-prioritisation',
      dimension: 'product-fundamentals',
      en: 'Roadmapping & prioritisation',
      zh: '产品路线图与优先级排序',
    },
    {
      slug: 'product-metrics',
      dimension: 'product-fundamentals',
      en: 'Product metrics (north star, funnels)',
      zh: '产品指标体系(北极星指标、漏斗)',
    },
    { slug: 'agile-delivery', dimension: 'product-fundamentals', en: 'Agile delivery (Scrum, Kanban)', zh: '敏捷交付(Scrum、看板)' },

    // AI fundamentals
    { slug: 'ml-workflow', dimension: 'ai-fundamentals', en: 'Machine learning workflow', zh: '机器学习工作流' },
    { slug: 'llm-principles', dimension: 'ai-fundamentals', en: 'LLM principles', zh: '大模型原理' },
    {
      slug: 'data-labelling-pipelines',
      dimension: 'ai-fundamentals',
      en: 'Data collection & labelling pipelines',
      zh: '数据采集与标注流程',
    },
    { slug: 'statistics', dimension: 'ai-fundamentals', en: 'Statistics & probability', zh: '统计与概率' },
    {
      slug: 'deep-learning-frameworks',
      dimension: 'ai-fundamentals',
      en: 'Deep learning frameworks (PyTorch, TensorFlow)',
      zh: '深度学习框架(PyTorch、TensorFlow)',
    },
    { slug: 'feature-engineering', dimension: 'ai-fundamentals', en: 'Feature engineering', zh: '特征工程' },
    { slug: 'mlops', dimension: 'ai-fundamentals', en: 'MLOps (deployment & monitoring)', zh: 'MLOps(模型部署与监控)' },

    // Domain verticals
    { slug: 'domain-healthcare', dimension: 'domain', en: 'Healthcare', zh: '医疗健康' },
    { slug: 'domain-finance', dimension: 'domain', en: 'Finance', zh: '金融' },
    { slug: 'domain-education', dimension: 'domain', en: 'Education', zh: '教育' },
    { slug: 'domain-ecommerce', dimension: 'domain', en: 'E-commerce & retail', zh: '电商零售' },
    { slug: 'domain-enterprise-saas', dimension: 'domain', en: 'Enterprise SaaS', zh: '企业服务(SaaS)' },
    { slug: 'domain-developer-tools', dimension: 'domain', en: 'Developer tools', zh: '开发者工具' },

    // Engineering & data
    { slug: 'system-design', dimension: 'engineering', en: 'System design', zh: '系统设计' },
    { slug: 'backend-development', dimension: 'engineering', en: 'Backend development', zh: '后端开发' },
    { slug: 'frontend-development', dimension: 'engineering', en: 'Frontend development', zh: '前端开发' },
    { slug: 'data-modelling-sql', dimension: 'engineering', en: 'Data modelling & SQL', zh: '数据建模与 SQL' },
    { slug: 'cloud-devops', dimension: 'engineering', en: 'Cloud & DevOps', zh: '云计算与 DevOps' },
    { slug: 'testing-quality', dimension: 'engineering', en: 'Testing & quality', zh: '测试与质量保障' },
    { slug: 'python-programming', dimension: 'engineering', en: 'Python programming', zh: 'Python 编程' },
    { slug: 'data-pipelines-etl', dimension: 'engineering', en: 'Data pipelines (ETL)', zh: '数据管道(ETL)' },
    { slug: 'sql-analytics', dimension: 'engineering', en: 'SQL & analytics', zh: 'SQL 与数据分析' },
    { slug: 'data-visualisation', dimension: 'engineering', en: 'Data visualisation & dashboards', zh: '数据可视化与报表' },
    {
      slug: 'developer-experience',
      dimension: 'engineering',
      en: 'Developer experience (APIs, SDKs, docs)',
      zh: '开发者体验(API、SDK、文档)',
    },
  ],

  fields: [
    {
      slug: 'ai-product-management',
      en: 'AI product management',
      zh: 'AI 产品经理',
      requirements: reqs([
        ['model-selection', 4, 9],
        ['ai-cost-benefit', 4, 8],
        ['ai-ethics-risk', 3, 7],
        ['model-capability-limits', 4, 9],
        ['prompt-engineering', 4, 7],
        ['user-pain-point-research', 4, 9],
        ['mvp-experiments', 4, 8],
        ['ai-experience-metrics', 4, 8],
        ['ab-testing', 3, 7],
        ['human-ai-interaction-design', 3, 6],
        ['monetisation-models', 3, 7],
        ['ai-stack-positioning', 3, 7],
        ['moats-data-flywheel', 3, 6],
        ['layered-communication', 4, 8],
        ['model-expectation-management', 4, 8],
        ['urgency-vs-tech-debt', 3, 7],
        ['prd-writing', 4, 8],
        ['user-story-mapping', 3, 6],
        ['roadmapping-prioritisation', 3, 6],
        ['ml-workflow', 3, 5],
        ['llm-principles', 3, 5],
        ['data-labelling-pipelines', 2, 4],
        ['system-design', 2, 2],
        ['backend-development', 1, 0],
      ]),
    },
    {
      slug: 'product-management',
      en: 'Product management',
      zh: '产品经理',
      requirements: reqs([
        ['user-pain-point-research', 4, 9],
        ['mvp-experiments', 3, 7],
        ['ab-testing', 3, 7],
        ['monetisation-models', 3, 6],
        ['market-competitor-analysis', 3, 7],
        ['go-to-market', 3, 6],
        ['layered-communication', 3, 6],
        ['stakeholder-management', 4, 8],
        ['urgency-vs-tech-debt', 3, 6],
        ['prd-writing', 4, 9],
        ['user-story-mapping', 4, 8],
        ['roadmapping-prioritisation', 4, 8],
        ['product-metrics', 4, 8],
        ['agile-delivery', 3, 5],
        ['sql-analytics', 2, 3],
        ['prompt-engineering', 1, 0],
      ]),
    },
    {
      slug: 'ml-engineering',
      en: 'Machine learning engineering',
      zh: '机器学习工程',
      requirements: reqs([
        ['model-selection', 4, 8],
        ['ai-cost-benefit', 3, 6],
        ['model-capability-limits', 4, 7],
        ['prompt-engineering', 3, 5],
        ['rag-agent-architecture', 3, 6],
        ['ml-workflow', 5, 9],
        ['llm-principles', 4, 7],
        ['data-labelling-pipelines', 3, 6],
        ['statistics', 4, 7],
        ['deep-learning-frameworks', 5, 9],
        ['feature-engineering', 4, 7],
        ['mlops', 4, 8],
        ['python-programming', 5, 8],
        ['system-design', 3, 6],
        ['cloud-devops', 3, 5],
        ['ai-experience-metrics', 2, 0],
      ]),
    },
    {
      slug: 'data-science',
      en: 'Data science',
      zh: '数据科学',
      requirements: reqs([
        ['statistics', 5, 10],
        ['ml-workflow', 4, 8],
        ['feature-engineering', 4, 8],
        ['deep-learning-frameworks', 3, 5],
        ['llm-principles', 2, 3],
        ['model-selection', 3, 6],
        ['ab-testing', 4, 8],
        ['python-programming', 4, 8],
        ['sql-analytics', 4, 8],
        ['data-visualisation', 3, 6],
        ['layered-communication', 3, 5],
        ['product-metrics', 2, 3],
        ['domain-finance', 1, 0],
      ]),
    },
    {
      slug: 'data-engineering',
      en: 'Data engineering',
      zh: '数据工程',
      requirements: reqs([
        ['data-pipelines-etl', 5, 10],
        ['data-modelling-sql', 5, 9],
        ['sql-analytics', 3, 5],
        ['python-programming', 4, 7],
        ['cloud-devops', 4, 7],
        ['system-design', 4, 7],
        ['backend-development', 3, 5],
        ['testing-quality', 3, 5],
        ['data-labelling-pipelines', 2, 3],
        ['mlops', 2, 3],
      ]),
    },
    {
      slug: 'developer-relations',
      en: 'Developer relations',
      zh: '开发者关系(DevRel)',
      requirements: reqs([
        ['developer-experience', 5, 10],
        ['public-speaking-community', 4, 9],
        ['technical-writing', 4, 9],
        ['backend-development', 3, 5],
        ['frontend-development', 2, 3],
        ['prompt-engineering', 3, 5],
        ['llm-principles', 2, 4],
        ['user-pain-point-research', 3, 5],
        ['go-to-market', 2, 4],
        ['domain-developer-tools', 3, 6],
        ['stakeholder-management', 2, 3],
      ]),
    },
    {
      slug: 'backend-engineering',
      en: 'Backend engineering',
      zh: '后端开发',
      requirements: reqs([
        ['backend-development', 5, 10],
        ['system-design', 4, 9],
        ['data-modelling-sql', 4, 8],
        ['cloud-devops', 3, 6],
        ['testing-quality', 4, 7],
        ['python-programming', 3, 4],
        ['frontend-development', 1, 1],
        ['technical-writing', 2, 3],
        ['agile-delivery', 2, 2],
      ]),
    },
    {
      slug: 'frontend-engineering',
      en: 'Frontend engineering',
      zh: '前端开发',
      requirements: reqs([
        ['frontend-development', 5, 10],
        ['human-ai-interaction-design', 2, 4],
        ['rapid-prototyping', 3, 5],
        ['testing-quality', 4, 7],
        ['system-design', 3, 5],
        ['backend-development', 2, 3],
        ['data-visualisation', 2, 3],
        ['developer-experience', 2, 3],
        ['agile-delivery', 2, 2],
      ]),
    },
    {
      slug: 'data-analysis',
      en: 'Data analysis',
      zh: '数据分析',
      requirements: reqs([
        ['sql-analytics', 5, 10],
        ['statistics', 4, 8],
        ['data-visualisation', 4, 8],
        ['product-metrics', 3, 7],
        ['ab-testing', 3, 6],
        ['python-programming', 3, 5],
        ['data-modelling-sql', 2, 4],
        ['layered-communication', 3, 5],
        ['user-pain-point-research', 2, 3],
      ]),
    },
    {
      slug: 'project-management',
      en: 'Project management',
      zh: '项目管理',
      requirements: reqs([
        ['agile-delivery', 5, 10],
        ['stakeholder-management', 4, 9],
        ['roadmapping-prioritisation', 3, 7],
        ['urgency-vs-tech-debt', 3, 6],
        ['layered-communication', 3, 6],
        ['technical-writing', 2, 4],
        ['prd-writing', 2, 3],
        ['system-design', 1, 0],
      ]),
    },
  ],
};
