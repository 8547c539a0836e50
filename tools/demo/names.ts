/**
 * Name pools and time zones for the demo community. Each zone draws from one or
 * more cultures (with the locale and spoken languages that go with them), so a
 * user in Asia/Shanghai is mostly 王伟 with locale zh-CN, a user in
 * Europe/Berlin is Jonas Müller speaking German and English, and so on.
 */

/** A name part: the romanised spelling, and for Chinese names the characters. */
export type NamePart = string | readonly [latin: string, hanzi: string];

export interface Culture {
  id: string;
  given: readonly NamePart[];
  family: readonly NamePart[];
  /** Display order in Latin script (Chinese and Japanese: family name first). */
  familyFirst?: boolean;
}

export interface ZoneCulture {
  culture: Culture;
  weight: number;
  /** Probability of locale zh-CN (only meaningful for Chinese names). */
  zhLocale?: number;
  /** Weighted sets of spoken languages. */
  languages: readonly (readonly [languages: readonly string[], weight: number])[];
}

export interface ZoneSpec {
  zone: string;
  weight: number;
  cultures: readonly ZoneCulture[];
}

const CHINESE: Culture = {
  id: 'chinese',
  familyFirst: true,
  family: [
    ['Wang', '王'], ['Li', '李'], ['Zhang', '张'], ['Liu', '刘'], ['Chen', '陈'], ['Yang', '杨'], ['Zhao', '赵'],
    ['Huang', '黄'], ['Zhou', '周'], ['Wu', '吴'], ['Xu', '徐'], ['Sun', '孙'], ['Hu', '胡'], ['Zhu', '朱'],
    ['Gao', '高'], ['Lin', '林'], ['He', '何'], ['Guo', '郭'], ['Ma', '马'], ['Luo', '罗'], ['Liang', '梁'],
    ['Song', '宋'], ['Zheng', '郑'], ['Xie', '谢'], ['Han', '韩'], ['Tang', '唐'], ['Feng', '冯'], ['Deng', '邓'],
    ['Cao', '曹'], ['Peng', '彭'], ['Shen', '沈'], ['Jiang', '蒋'],
  ],
  given: [
    ['Wei', '伟'], ['Fang', '芳'], ['Na', '娜'], ['Min', '敏'], ['Jing', '静'], ['Qiang', '强'], ['Lei', '磊'],
    ['Jun', '军'], ['Yang', '洋'], ['Yan', '艳'], ['Jie', '杰'], ['Tao', '涛'], ['Ming', '明'], ['Chao', '超'],
    ['Hua', '华'], ['Hui', '慧'], ['Yutong', '雨桐'], ['Zihan', '子涵'], ['Haoran', '浩然'], ['Yuxuan', '宇轩'],
    ['Xinyi', '欣怡'], ['Jiahao', '嘉豪'], ['Siyu', '思雨'], ['Zimo', '子墨'], ['Ruoxi', '若汐'], ['Mingyu', '明宇'],
    ['Shuhan', '书涵'], ['Yichen', '奕辰'], ['Xiaoyu', '晓雨'], ['Tianyi', '天翼'], ['Jiayi', '佳怡'], ['Zhiyuan', '志远'],
    ['Wenjing', '文静'], ['Junjie', '俊杰'], ['Yiming', '一鸣'], ['Xiaotong', '晓彤'],
  ],
};

const INDIAN: Culture = {
  id: 'indian',
  given: [
    'Aarav', 'Vivaan', 'Aditya', 'Arjun', 'Rohan', 'Karthik', 'Siddharth', 'Rahul', 'Vikram', 'Nikhil', 'Ishaan',
    'Sanjay', 'Varun', 'Abhishek', 'Priya', 'Ananya', 'Diya', 'Kavya', 'Meera', 'Neha', 'Pooja', 'Sneha', 'Divya',
    'Lakshmi', 'Aishwarya', 'Aditi', 'Riya', 'Shreya', 'Tanvi', 'Nandini',
  ],
  family: [
    'Sharma', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Gupta', 'Singh', 'Kumar', 'Rao', 'Menon', 'Agarwal', 'Joshi',
    'Mehta', 'Krishnan', 'Banerjee', 'Chatterjee', 'Desai', 'Kulkarni', 'Pillai', 'Verma', 'Bhat', 'Malhotra',
  ],
};

const GERMAN: Culture = {
  id: 'german',
  given: [
    'Lukas', 'Leon', 'Jonas', 'Felix', 'Maximilian', 'Paul', 'Tobias', 'Jan', 'Niklas', 'Sebastian', 'Florian',
    'Jürgen', 'Anna', 'Lena', 'Laura', 'Julia', 'Sophie', 'Lea', 'Hannah', 'Katharina', 'Johanna', 'Marie',
    'Sabine', 'Franziska',
  ],
  family: [
    'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch',
    'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Braun', 'Zimmermann', 'Krüger', 'Hartmann', 'Weiß', 'Groß',
  ],
};

const BRITISH: Culture = {
  id: 'british',
  given: [
    'Oliver', 'George', 'Harry', 'Jack', 'Charlie', 'Thomas', 'James', 'William', 'Alfie', 'Henry', 'Freddie',
    'Olivia', 'Amelia', 'Isla', 'Emily', 'Poppy', 'Charlotte', 'Sophie', 'Grace', 'Eleanor', 'Harriet', 'Imogen',
  ],
  family: [
    'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Evans', 'Davies', 'Thomas', 'Roberts', 'Walker',
    'Wright', 'Robinson', 'Thompson', 'Hughes', 'Clarke', 'Hall', 'Green', 'Wood', 'Cooper', 'Patel', 'Khan',
  ],
};

const AMERICAN: Culture = {
  id: 'american',
  given: [
    'Michael', 'Emily', 'Jessica', 'Ashley', 'Christopher', 'Matthew', 'Joshua', 'Daniel', 'Madison', 'Tyler',
    'Brandon', 'Hannah', 'Ethan', 'Ava', 'Mason', 'Chloe', 'Jacob', 'Abigail', 'Noah', 'Sofia', 'Carlos', 'Maria',
    'Jamal', 'Keisha', 'Kevin', 'Rachel', 'Sam', 'Jordan',
  ],
  family: [
    'Johnson', 'Miller', 'Davis', 'Garcia', 'Rodriguez', 'Martinez', 'Anderson', 'Jackson', 'White', 'Harris',
    'Martin', 'Thompson', 'Moore', 'Lee', 'Clark', 'Lewis', 'Young', 'Allen', 'Hernandez', 'Lopez', 'Baker',
    'Nelson', 'Carter', 'Rivera', 'Brooks', 'Washington',
  ],
};

const AUSTRALIAN: Culture = {
  id: 'australian',
  given: [
    'Jack', 'Oliver', 'William', 'Noah', 'Thomas', 'Lachlan', 'Cooper', 'Riley', 'Mitchell', 'Hamish', 'Charlotte',
    'Mia', 'Chloe', 'Ruby', 'Matilda', 'Zoe', 'Isabella', 'Harper', 'Ella', 'Sienna',
  ],
  family: [
    'Smith', 'Jones', 'Williams', 'Brown', 'Wilson', 'Taylor', 'Nguyen', 'Johnson', 'Martin', 'White', 'Anderson',
    'Walker', 'Thompson', 'Kelly', 'Ryan', "O'Brien", 'Murphy', 'Campbell',
  ],
};

const SINGAPOREAN_CHINESE: Culture = {
  id: 'singaporean-chinese',
  given: ['Marcus', 'Rachel', 'Wei Ling', 'Jun Jie', 'Shawn', 'Grace', 'Nicholas', 'Hui Min', 'Darren', 'Cheryl', 'Jia Hui', 'Benjamin'],
  family: ['Tan', 'Lim', 'Lee', 'Ng', 'Ong', 'Wong', 'Goh', 'Chua', 'Teo', 'Koh', 'Chan', 'Yeo'],
};

const MALAY: Culture = {
  id: 'malay',
  given: ['Muhammad Faiz', 'Nur Aisyah', 'Hafiz', 'Farah', 'Syafiq', 'Nadia', 'Amirul', 'Siti'],
  family: ['Rahman', 'Ismail', 'Hassan', 'Abdullah', 'Yusof', 'Ibrahim'],
};

const JAPANESE: Culture = {
  id: 'japanese',
  given: [
    'Haruto', 'Yuto', 'Sota', 'Yuki', 'Hiroshi', 'Takumi', 'Ren', 'Kenta', 'Daiki', 'Shota', 'Sakura', 'Yui', 'Hina',
    'Aoi', 'Mio', 'Yuna', 'Akari', 'Misaki', 'Naoko', 'Ayaka',
  ],
  family: [
    'Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato',
    'Yoshida', 'Yamada', 'Sasaki', 'Matsumoto', 'Inoue', 'Kimura',
  ],
};

const BRAZILIAN: Culture = {
  id: 'brazilian',
  given: [
    'João', 'Pedro', 'Lucas', 'Gabriel', 'Rafael', 'Matheus', 'Gustavo', 'Felipe', 'Thiago', 'Ana', 'Beatriz',
    'Mariana', 'Larissa', 'Camila', 'Juliana', 'Fernanda', 'Letícia', 'Bruna',
  ],
  family: [
    'Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa',
    'Ribeiro', 'Martins', 'Carvalho', 'Araújo', 'Barbosa',
  ],
};

const FRENCH: Culture = {
  id: 'french',
  given: [
    'Louis', 'Gabriel', 'Hugo', 'Arthur', 'Jules', 'Mathis', 'Théo', 'Nathan', 'Antoine', 'Camille', 'Léa', 'Chloé',
    'Manon', 'Inès', 'Juliette', 'Clémence', 'Élodie', 'Margaux',
  ],
  family: [
    'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon',
    'Laurent', 'Lefèvre', 'Michel', 'Fournier', 'Girard',
  ],
};

const EN = [[['en'], 1]] as const;

/** Where the community lives; weights are relative. */
export const ZONES: readonly ZoneSpec[] = [
  { zone: 'Asia/Shanghai', weight: 24, cultures: [{ culture: CHINESE, weight: 1, zhLocale: 0.85, languages: [[['zh', 'en'], 1]] }] },
  {
    zone: 'Asia/Kolkata',
    weight: 12,
    cultures: [{ culture: INDIAN, weight: 1, languages: [[['en', 'hi'], 0.85], [['en', 'hi', 'ta'], 0.08], [['en', 'hi', 'mr'], 0.07]] }],
  },
  { zone: 'Europe/Berlin', weight: 7, cultures: [{ culture: GERMAN, weight: 1, languages: [[['de', 'en'], 1]] }] },
  {
    zone: 'Europe/London',
    weight: 7,
    cultures: [
      { culture: BRITISH, weight: 0.85, languages: EN },
      { culture: INDIAN, weight: 0.15, languages: [[['en', 'hi'], 1]] },
    ],
  },
  {
    zone: 'America/New_York',
    weight: 10,
    cultures: [
      { culture: AMERICAN, weight: 0.85, languages: [[['en'], 0.8], [['en', 'es'], 0.2]] },
      { culture: INDIAN, weight: 0.08, languages: [[['en', 'hi'], 1]] },
      { culture: CHINESE, weight: 0.07, zhLocale: 0.1, languages: [[['en', 'zh'], 1]] },
    ],
  },
  {
    zone: 'America/Los_Angeles',
    weight: 10,
    cultures: [
      { culture: AMERICAN, weight: 0.75, languages: [[['en'], 0.75], [['en', 'es'], 0.25]] },
      { culture: INDIAN, weight: 0.12, languages: [[['en', 'hi'], 1]] },
      { culture: CHINESE, weight: 0.13, zhLocale: 0.15, languages: [[['en', 'zh'], 1]] },
    ],
  },
  { zone: 'Australia/Sydney', weight: 5, cultures: [{ culture: AUSTRALIAN, weight: 1, languages: EN }] },
  {
    zone: 'Asia/Singapore',
    weight: 6,
    cultures: [
      { culture: SINGAPOREAN_CHINESE, weight: 0.7, zhLocale: 0.2, languages: [[['en', 'zh'], 1]] },
      { culture: MALAY, weight: 0.15, languages: [[['en', 'ms'], 1]] },
      { culture: INDIAN, weight: 0.15, languages: [[['en', 'ta'], 1]] },
    ],
  },
  { zone: 'Asia/Tokyo', weight: 6, cultures: [{ culture: JAPANESE, weight: 1, languages: [[['ja', 'en'], 1]] }] },
  { zone: 'America/Sao_Paulo', weight: 6, cultures: [{ culture: BRAZILIAN, weight: 1, languages: [[['pt', 'en'], 0.85], [['pt', 'en', 'es'], 0.15]] }] },
  { zone: 'Europe/Paris', weight: 7, cultures: [{ culture: FRENCH, weight: 1, languages: [[['fr', 'en'], 1]] }] },
];

export function latin(part: NamePart): string {
  return typeof part === 'string' ? part : part[0];
}

export function hanzi(part: NamePart): string | undefined {
  return typeof part === 'string' ? undefined : part[1];
}

/** "Jürgen O'Brien" -> "jurgen", "obrien": ASCII letters only, for email local parts. */
export function emailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/ß/g, 'ss')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
