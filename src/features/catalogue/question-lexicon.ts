// How people describe themselves and their school when they ask which projects suit them.
// Roles map onto the catalogue's audience words; the rest are cues for progression ("we did
// the development year last year"), for "new this year", and for questions the catalogue
// cannot answer (another subject, a parent, a school outside England, another year).
import type { Audience } from '../../domain/projects.js'

/** Phrases naming a role, by the audience word the catalogue uses for it. */
export const ROLE_PHRASES: Record<Exclude<Audience, 'teachers'>, string[]> = {
  'teaching assistants': [
    'ta', 'tas', 'teaching assistant', 'teaching assistants', 'lsa', 'learning support assistant', 'hlta',
    'classroom assistant', 'support staff', 'learning support',
  ],
  'early years practitioners': [
    'early years practitioner', 'ey practitioner', 'eyfs practitioner', 'practitioner', 'practitioners', 'nursery nurse',
    'nursery practitioner', 'nursery teacher', 'reception teacher', 'childminder', 'preschool practitioner',
    // Early years teams and their leads are the catalogue's "practitioners".
    'nursery staff', 'reception staff', 'early years staff', 'eyfs staff', 'ey staff', 'early years team', 'eyfs team',
    'nursery team', 'early years lead', 'eyfs lead', 'ey lead', 'early years leader', 'eyfs leader',
  ],
  'early career teachers': [
    'ect', 'ects', 'early career', 'early career teacher', 'nqt', 'nqts', 'newly qualified', 'recently qualified', 'rqt',
    'new teacher', 'first year of teaching', 'first year teaching', 'beginning teacher', 'new primary teacher', 'new secondary teacher',
  ],
  'non-specialist teachers': [
    'non specialist', 'nonspecialist', 'not a maths specialist', 'not a specialist', 'not a maths teacher',
    'out of field', 'teach some maths', 'teaching some maths', 'teach a bit of maths', 'not trained in maths', 'without a maths degree',
    'no maths degree', 'not maths trained', 'not a mathematician', 'not my specialism', 'not my subject', 'non maths',
  ],
  'heads of department': [
    'head of department', 'hod', 'head of maths', 'head of mathematics', 'subject leader', 'subject lead',
    'maths lead', 'maths leader', 'curriculum leader', 'head of faculty', 'department lead', 'lead the department',
    'leading the department', 'run the department', 'running the department', 'second in department', 'second in dept',
    'acting head of department', 'deputy head of department',
  ],
  'mat leads': [
    'trust lead', 'mat lead', 'multi academy trust', 'multiacademy trust', 'across our trust', 'across the trust',
    'trust wide', 'several schools', 'multiple schools', 'across schools', 'director of maths', 'maths director',
    'lead maths across', 'leading maths across', 'oversee maths across', 'overseeing maths across', 'responsible for maths across',
    'in charge of maths across', 'maths lead across',
  ],
  'itt providers': [
    'itt', 'itt provider', 'initial teacher training', 'teacher training provider', 'teacher trainer', 'scitt',
    // A PGCE alone may be the asker's own ("after my PGCE"): only running one makes a provider.
    'school direct', 'teacher educator', 'train teachers', 'pgce course', 'pgce provider', 'pgce tutor', 'run a pgce', 'run the pgce',
    // Teacher education at a university, and those who teach or run it.
    'itt tutor', 'itt lead', 'itt leader', 'itt lecturer', 'itt coordinator', 'itt team', 'ite', 'ite provider', 'ite tutor',
    'initial teacher education', 'teacher education provider', 'teacher education team', 'university pgce', 'uni pgce', 'pgce lecturer', 'pgce lead', 'pgce leader',
    'pgce team', 'pgce programme', 'teach on a pgce', 'teach on the pgce', 'university tutor', 'uni tutor',
  ],
  'work group leads': [
    'work group lead', 'workgroup lead', 'wgl', 'lead a work group', 'leading a work group', 'run a work group', 'running a work group',
    'lead work groups', 'leading work groups', 'run work groups', 'running work groups', 'facilitate a work group', 'facilitating work groups',
  ],
  'mastery specialists': ['mastery specialist', 'mastery specialists'],
  'pd leads': [
    'pd lead', 'professional development lead', 'cpd lead', 'accredited pd lead', 'accredited professional development',
    // Seeking the status, in the words people use for it: "want to get NCETM accredited".
    'ncetm accredited', 'ncetm accreditation', 'get accredited', 'getting accredited', 'become accredited', 'becoming accredited',
    'pd accreditation', 'cpd accreditation', 'accredited status', 'accreditation as', 'want accreditation', 'get accreditation',
    'gain accreditation', 'seeking accreditation', 'achieve accreditation', 'accreditation for',
  ],
  llmes: ['llme', 'llmes', 'local leader of maths education', 'local leaders of maths education', 'local leader'],
}

/** Roles that are teachers too: projects for teachers in general still suit them. */
export const TEACHING_ROLES: ReadonlySet<Audience> = new Set([
  'early career teachers',
  'non-specialist teachers',
  'heads of department',
  'mat leads',
  'work group leads',
  'mastery specialists',
  'pd leads',
  'llmes',
])

/** Words that mean "a teacher", with no particular role. */
export const TEACHER_WORDS = ['teacher', 'teachers', 'class teacher', 'i teach', 'we teach']

/**
 * Teachers as such, in no particular role: only projects for teachers suit them, not those for
 * people seeking to become something ("what is there for ordinary classroom teachers?").
 */
export const PLAIN_TEACHER_CUES = [
  'ordinary teacher', 'ordinary teachers', 'ordinary classroom teacher', 'ordinary classroom teachers', 'classroom teacher',
  'classroom teachers', 'regular teacher', 'regular teachers', 'normal teacher', 'normal teachers', 'everyday teacher',
  'everyday teachers', 'mainstream teachers', 'rank and file', 'just a teacher', 'just teachers', 'main scale teacher', 'main scale teachers',
]

const WHO_LEARNS = ['children', 'child', 'kids', 'pupils', 'students', 'learners']
const MATHS_THINGS = ['number', 'numbers', 'maths', 'math', 'arithmetic', 'counting', 'place value', 'fractions', 'times tables', 'calculation', 'calculations', 'mental maths']

/**
 * Needs people put in their own words, read as the catalogue's phrase for them (where the
 * catalogue has it): "how kids actually learn it" is what SKTM calls "how children learn maths",
 * and helping pupils who struggle with number is understanding how they grasp its concepts.
 */
export const PARAPHRASES: Record<string, string[]> = {
  'how children learn maths': WHO_LEARNS.flatMap((who) =>
    ['', 'actually ', 'really '].flatMap((how) => ['learn', 'grasp', 'understand', 'pick up', 'make sense of'].map((verb) => `how ${who} ${how}${verb}`)),
  ),
  'understanding concepts': MATHS_THINGS.flatMap((thing) => [
    ...['struggle', 'struggles', 'struggling', 'difficulty', 'difficulties'].map((trouble) => `${trouble} with ${thing}`),
    ...['hard', 'difficult', 'tricky'].map((hard) => `find ${thing} ${hard}`),
  ]),
}

/** The school or person is new to the project: entry points first. */
export const NEW_CUES = [
  'new to', 'first year', 'entry point', 'entry points', 'entry route', 'way in', 'never done', 'never', 'not done', 'havent done', 'have not done', 'not yet', 'start', 'starting', 'started',
  'get started', 'getting started', 'begin', 'beginning', 'first time', 'where do we start', 'first step', 'introduce',
  'introducing', 'fresh', 'launch', 'launching', 'set up', 'setting up', 'never taught', 'not taught', 'taught it before',
]

/** They already do it and want more: entry points last. */
export const CONTINUING_CUES = [
  'already', 'existing', 'expand', 'expanding', 'grow', 'established', 'carry on', 'carrying on', 'continue', 'continuing', 'build on',
  'keep going', 'keep it going', 'stay on', 'stay involved', 'been doing', 'for a while', 'for some time', 'for a few years', 'for years',
]

/** Coming back after a break: the catalogue offers the later stages, whatever was done before. */
export const REJOIN_CUES = [
  're join', 're joining', 'rejoin', 'rejoining', 'returning', 'come back', 'coming back', 'restart', 'start again', 'get back',
  'back involved', 'back into', 'lapsed', 'pick it up again', 'picking it up again',
]

/**
 * Words that make someone with an ITT provider's name its staff even beside trainees ("uni ITT
 * tutor … our trainees"): they teach, run or lead the training.
 */
export const ITT_STAFF_CUES = [
  'provider', 'providers', 'trainer', 'trainers', 'tutor', 'tutors', 'lecturer', 'lecturers', 'educator', 'educators', 'coordinator',
  'coordinate', 'coordinating', 'run', 'runs', 'running', 'lead', 'leads', 'leader', 'train teachers', 'teach on',
]

/** Shortly before "trainees": the trainees are someone's, not the asker ("our primary trainees", "training both primary and secondary trainees"). */
export const OTHERS_TRAINEES = ['our', 'my', 'their', 'his', 'her', 'mentor', 'mentors', 'mentoring', 'support', 'supporting', 'train', 'training']

/** A trainee is neither a training provider nor yet an early career teacher. */
export const TRAINEE_CUES = ['trainee', 'trainee teacher', 'student teacher', 'on placement', 'pgce student', 'pgce trainee', 'doing my pgce', 'on my pgce', 'on a pgce']

/** How people name the catalogue's formats, by the format they mean. */
export const FORMAT_WORDS = {
  'work group': ['work group', 'work groups', 'workgroup', 'workgroups'],
  programme: ['programme', 'programmes', 'program', 'programs'],
  community: ['community', 'communities'],
  network: ['network', 'networks'],
} as const

/** Asking which projects have a partner, whoever it is. */
export const PARTNER_CUES = [
  'with a partner', 'with partners', 'partner organisation', 'partner organisations', 'in partnership', 'partnered', 'external partner',
  'external partners', 'other organisations',
]

/** Asking which projects span every phase named ("for both primary and secondary"). */
export const EVERY_PHASE_CUES = ['both', 'all of', 'across both', 'each of']

/** Asking which projects are run centrally or nationally rather than by a hub. */
export const CENTRAL_CUES = ['centrally', 'nationally', 'centrally led', 'centrally run', 'run centrally', 'led centrally', 'nationally led', 'nationally run', 'run nationally']

/**
 * Asking for the whole of a format ("list every programme"): the format is then the field asked
 * by, even one people use loosely. Every programme in the catalogue is a national one.
 */
export const LIST_CUES = ['list', 'every', 'all the', 'all of the', 'full list', 'each', 'any other']

/** What a question asks about, before its topic: "a project on …", "anything specifically for …". */
export const TOPIC_ASKS = {
  before: [
    // A difficulty is what they want help with: "our ECTs are struggling with behaviour".
    'struggling', 'struggle', 'struggles', 'problems', 'problem', 'issues', 'trouble', 'difficulty', 'difficulties',
    'project', 'projects', 'course', 'courses', 'workgroup', 'workgroups', 'anything', 'improve', 'improving', 'better', 'help', 'something', 'cpd', 'training', 'support', 'programme', 'specifically', 'specific', 'particularly'],
  joins: ['on', 'about', 'for', 'with', 'around', 'covering', 'to', 'at'],
  /** Words after which the topic follows at once ("improve my teaching of algebra"). */
  direct: ['specifically', 'particularly', 'improve', 'improving'],
}

/** Words in a topic that say who or how, not what: "teaching maths to pupils with …". */
export const TOPIC_FILLER = [
  'teaching', 'teach', 'pupils', 'pupil', 'children', 'child', 'kids', 'students', 'student', 'learners', 'class', 'classes',
  'lessons', 'lesson', 'staff', 'people', 'hub', 'hubs', 'area', 'local', 'region', 'two', 'three', 'four', 'five', 'both', 'few',
  'couple', 'several', 'own', 'that', 'as', 'by', 'or', 'if', 'but', 'all', 'out', 'up', 'one', 'ones', 'off', 'over', 'via', 'per',
  'etc', 'eg', 'ie', 'myself', 'ourselves', 'yourself', 'someone', 'anyone', 'whole', 'keen', 'interested', 'able', 'role', 'job', 'person', 'aimed', 'designed', 'meant',
  'suitable', 'targeted', 'relevant', 'useful', 'open', 'available', 'thing', 'kind', 'sort', 'type', 'available', 'offer', 'offered', 'run', 'running', 'us', 'me', 'them', 'year', 'years', 'month', 'term', 'next', 'sept', 'january', 'february',
  'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'better', 'really', 'more', 'ideas', 'how', 'best', 'way', 'ways', 'things', 'stuff', 'specifically',
]

/**
 * The asker asks for something for themselves in their role ("want something for me", "support
 * for me as HoD"), not only says who they are before asking about something else.
 */
export const SELF_ASK_CUES = [
  'for me', 'for myself', 'help me', 'helps me', 'support me', 'like me', 'me as', 'my own', 'my role', 'my leadership',
  'me lead', 'me to lead', 'lead my', 'leading my', 'grow as', 'develop as', 'developing as', 'as a leader', 'people like me',
]

/** Words that make "maths lead" a trust-wide role rather than a department's. */
export const TRUST_WORDS = ['trust', 'trusts', 'our mat', 'a mat', 'the mat', 'multi academy', 'multiacademy', 'across schools', 'across our schools']

/** Something was completed: "we did … last year", "we've done …", "after …". */
export const COMPLETED_CUES = [
  'did', 'done', 'completed', 'finished', 'last year', 'took part', 'been through', 'after', 'what next', 'what comes next',
  'next step', 'next steps', 'move on',
]

/** With primary and secondary both named, a question about moving or working between them. */
export const CROSS_PHASE_CUES = [
  'transition', 'from', 'come in', 'coming in', 'come up', 'arrive', 'arriving', 'move up', 'moving up', 'feeder', 'work with',
  'working with', 'together', 'jointly', 'liaise', 'liaison', 'bridge', 'bridging', 'link with', 'links with',
  // Joining up with the other phase's teachers, or being in one group with them.
  'link up', 'linking up', 'team up', 'teaming up', 'connect with', 'connecting with', 'collaborate', 'collaborating',
  'collaboration', 'alongside', 'same group', 'same groups', 'same work group', 'mixed group', 'go on to', 'go up to',
  'move on to', 'moving on to', 'transfer', 'transferring',
]

/** Asking for what is new in this year's catalogue. */
export const NEW_THIS_YEAR_CUES = [
  'new this year', 'new projects', 'new project', 'whats new', 'what is new', 'whats actually new', 'what is actually new',
  'anything new', 'new ones', 'brand new', 'new for', 'new in the', 'new on offer', 'new offer',
]

/** Words that, after a subject, make the asker someone who teaches it ("PE teacher", "I teach science"). */
export const TEACHES_SUBJECT = { after: ['teacher', 'teachers', 'specialist', 'department', 'dept', 'graduate'], before: ['teach', 'taught', 'trained', 'degree', 'studied'] }

/**
 * Someone directing others ("our HoD wants the department to …", "hod wants to put two of us
 * forward"): that person is not who the project is for.
 */
export const DIRECTING = {
  verbs: ['wants', 'want', 'asked', 'has asked', 'suggested', 'told', 'said', 'says', 'would like', 'is keen for', 'is sending', 'wants to send', 'wants to put'],
  objects: ['us', 'me', 'the department', 'the dept', 'our department', 'the team', 'two', 'some', 'everyone', 'all', 'put', 'send', 'them', 'staff', 'teachers'],
}

/** Questions about things other than which projects to join. */
export const OFF_TOPIC = [
  'pay', 'salary', 'tlr', 'pension', 'contract', 'textbook', 'textbooks', 'exam board', 'aqa', 'edexcel', 'ocr', 'book a room',
  'book the hall', 'parking', 'weather', 'recipe',
]

/** Mentioning maths keeps a question about another subject in scope ("a geography teacher who teaches maths"). */
export const MATHS_WORDS = ['maths', 'math', 'mathematics', 'numeracy', 'number', 'arithmetic', 'gcse maths']

/** Subjects the catalogue has nothing for. */
export const OTHER_SUBJECTS = [
  'english', 'phonics', 'reading', 'writing', 'spelling', 'grammar', 'literacy', 'science', 'biology', 'chemistry',
  'physics', 'history', 'geography', 'french', 'spanish', 'german', 'languages', 'mfl', 'music', 'drama', 'computing',
  'religious education', 'design and technology', 'psychology', 'economics', 'business studies', 'sociology', 'art and design',
  // Short subject names only as "<subject> teacher", where they cannot be mistaken for other words.
  'pe teacher', 'physical education', 're teacher', 'art teacher', 'dt teacher', 'ict teacher', 'pe department',
]

/** Parents, pupils and private tutoring: the catalogue is professional development for schools. */
export const PARENT_CUES = [
  'parent', 'parents', 'my son', 'my daughter', 'my child', 'my children', 'my kid', 'my kids', 'my grandson',
  'my granddaughter', 'tutor', 'tutoring', 'tuition', 'homework', 'homeschool', 'home school', 'home educated',
  'home education', 'revision help', 'revision', 'im a student', 'i am a student', 'im a pupil', 'i am a pupil', 'my exams',
  'my exam',
]

/**
 * Higher education: universities and their staff, whom the catalogue (early years to post-16,
 * in schools and colleges) does not serve. Training teachers at a university is another matter.
 */
export const HIGHER_EDUCATION_CUES = [
  'university', 'universities', 'uni', 'undergrad', 'undergrads', 'undergraduate', 'undergraduates', 'higher education',
  'he staff', 'he lecturer', 'he lecturers', 'he sector', 'degree students', 'degree level', 'postgraduate', 'postgrad',
]

/**
 * Pupils as the audience: events and classes for the students themselves, where the catalogue
 * is professional development for the people who teach them.
 */
export const PUPIL_AUDIENCE_CUES = [
  'students themselves', 'pupils themselves', 'children themselves', 'kids themselves', 'learners themselves',
  'masterclass', 'masterclasses', 'enrichment', 'enrichment day', 'enrichment days', 'enrichment event', 'enrichment events',
  'maths competition', 'maths competitions', 'olympiad', 'summer school', 'for students to attend', 'for pupils to attend',
  // Services done to or for pupils, not professional development for their teachers: entering
  // them for competitions, assessing or screening them, tutoring them.
  'competition', 'competitions', 'ukmt', 'maths challenge', 'maths challenges', 'junior challenge', 'intermediate challenge', 'senior challenge',
  'screened', 'screening', 'screen them', 'screen pupils', 'screen children', 'assess them', 'assess pupils', 'assess children', 'assessed for',
  'diagnosed', 'diagnosis', 'diagnose', 'educational psychologist', 'tuition', 'tutoring for pupils', 'national tutoring',
]

/**
 * Text-speak and clipped words, written out before the question is read: "ppl like me" asks
 * for "people like me", "wot comes next" is "what comes next", "sec school" a secondary one.
 */
export const TEXT_SPEAK: Record<string, string> = {
  ppl: 'people', yr: 'year', wot: 'what', wat: 'what', wht: 'what', sec: 'secondary', prim: 'primary', yrs: 'years', smth: 'something', sth: 'something',
  abt: 'about', thx: 'thanks', pls: 'please', plz: 'please', nxt: 'next',
}

/** Places outside England: Maths Hubs serve schools in England. */
export const OUTSIDE_ENGLAND = [
  'scotland', 'scottish', 'edinburgh', 'glasgow', 'aberdeen', 'dundee', 'wales', 'welsh', 'cardiff', 'swansea', 'newport wales',
  'northern ireland', 'belfast', 'ireland', 'irish', 'dublin', 'isle of man', 'jersey', 'guernsey', 'abroad', 'overseas',
  'international school', 'outside england', 'outside of england', 'france', 'spain', 'germany', 'usa', 'united states',
  'america', 'canada', 'australia', 'new zealand', 'india', 'pakistan', 'nigeria', 'dubai', 'uae', 'qatar', 'china',
  'hong kong', 'singapore',
]

/**
 * Maths Hubs projects from other years, which people still ask about by name. A name that is
 * also a title in the current catalogue is not treated as another year's.
 */
export const OTHER_YEAR_PROJECTS = [
  'mastering number', 'mastering number at ks2', 'mastering number extended', 'early years mastering number', 'number sense',
  'multiplicative reasoning', 'school to school support',
]
