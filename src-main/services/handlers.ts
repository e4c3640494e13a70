// The contract's implementation: one function per channel. Transports validate the input with
// the contract's schema first, so every handler receives parsed, typed input.
import { appVersion } from '../app-version';
import type { Channel, Output, ParsedInput } from '../shared/contract';
import { QalamError } from '../shared/errors';
import * as comments from './comments';
import { actor, systemUserName, type ServiceContext } from './context';
import * as documents from './documents';
import * as find from './find';
import * as glossary from './glossary';
import * as history from './history';
import * as io from './io';
import * as mt from './mt';
import * as pairs from './pairs';
import * as qa from './qa';
import * as settings from './settings';
import * as stats from './stats';
import * as tm from './tm';
import * as tmWrites from './tm-writes';

export type Handler<C extends Channel> = (ctx: ServiceContext, input: ParsedInput<C>) => Output<C> | Promise<Output<C>>;
export type Handlers = { [C in Channel]: Handler<C> };

const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

export const handlers: Handlers = {
  'app:get-info': (ctx) => ({
    version: appVersion(),
    transport: ctx.transport === 'ipc' ? 'ipc' : 'http',
    dataPath: ctx.dataDir,
    nativeDialogs: Boolean(ctx.host.pickImportFile && ctx.host.saveFile),
    systemUserName: systemUserName(),
  }),

  'settings:get': (ctx) => settings.getSettings(ctx),
  'settings:update': (ctx, input) => settings.updateSettings(ctx, input),

  'documents:list': (ctx) => documents.listDocuments(ctx),
  'documents:get': (ctx, { documentId }) => documents.getDocument(ctx, documentId),
  'documents:recent': (ctx) => documents.recentDocuments(ctx),
  'documents:inspect-import': (ctx, input) => documents.inspectImport(ctx, { ...input, bytes: bytes(input.dataBase64) }),
  'documents:import': async (ctx, input) => {
    const doc = await ctx.jobs.run('documents:import', input);
    // Not awaited: the import answers as soon as its rows are stored, and search scans until then.
    documents.queueSearchIndex(ctx);
    return doc;
  },
  'documents:rename': (ctx, { documentId, name }) => documents.renameDocument(ctx, documentId, name),
  'documents:delete': (ctx, { documentId }) => documents.deleteDocument(ctx, documentId),
  'documents:open': (ctx, { documentId }) => documents.openDocument(ctx, documentId),

  // A filter on QA issues first brings the stored summary up to date, off the main thread when long.
  'pairs:list': async (ctx, { documentId, offset, limit, filter }) => {
    if (filter?.qaIssues) await qa.judgeDocumentOffThread(ctx, documentId);
    return pairs.listPairs(ctx, documentId, offset, limit, filter);
  },
  'pairs:get': (ctx, { pairId }) => pairs.getPair(ctx, pairId),
  'pairs:locate': async (ctx, { documentId, pairId, filter }) => {
    if (filter?.qaIssues) await qa.judgeDocumentOffThread(ctx, documentId);
    return pairs.locatePair(ctx, documentId, pairId, filter);
  },
  'pairs:navigate': (ctx, i) => pairs.navigate(ctx, i.documentId, i.fromPosition, i.direction, i.kind),
  'pairs:update-target': (ctx, input) => pairs.updateTarget(ctx, input),
  'pairs:set-status': (ctx, input) => pairs.setStatus(ctx, input),
  'pairs:set-excluded': (ctx, input) => pairs.setExcluded(ctx, input),
  // Bulk approval leaves out pairs with QA errors: judged first, off the main thread when long.
  'pairs:bulk-approve': async (ctx, input) => {
    const judges = input.filter?.qaIssues || !input.includeQaErrors;
    if (judges && actor(ctx).role === 'editor') await qa.judgeDocumentOffThread(ctx, input.documentId);
    return pairs.bulkApprove(ctx, input);
  },

  'stats:document': (ctx, { documentId }) => stats.getStats(ctx, documentId),
  'stats:quality': (ctx, { documentId }) => stats.getQuality(ctx, documentId),

  'comments:list': (ctx, { pairId }) => comments.listComments(ctx, pairId),
  'comments:add': (ctx, input) => comments.addComment(ctx, input),
  'comments:set-resolved': (ctx, { commentId, resolved }) => comments.setResolved(ctx, commentId, resolved),

  'history:list': (ctx, { pairId }) => history.listHistory(ctx, pairId),
  'history:restore': (ctx, input) => history.restore(ctx, input),
  'history:timeline': (ctx, { pairId }) => history.pairTimeline(ctx, pairId),

  'io:export': (ctx, input) => io.exportForRenderer(ctx, input),
  'io:pick-import': async (ctx) => {
    if (!ctx.host.pickImportFile) throw new QalamError('unsupported');
    const picked = await ctx.host.pickImportFile();
    return picked && { fileName: picked.fileName, dataBase64: Buffer.from(picked.bytes).toString('base64') };
  },
  'io:review-preview': (ctx, input) => ctx.jobs.run('io:review-preview', input),
  'io:review-apply': (ctx, input) => ctx.jobs.run('io:review-apply', input),

  // translation memory
  'tm:import': (ctx, input) => ctx.jobs.run('tm:import', input),
  'tm:export': (ctx, input) => tm.exportMemoryForRenderer(ctx, input.saveAs ?? false),
  'tm:lookup': (ctx, input) => tm.lookup(ctx, input),
  'tm:concordance': (ctx, input) => tm.concordance(ctx, input),
  'tm:analyze': (ctx, input) => ctx.jobs.run('tm:analyze', input),
  'tm:pretranslate': (ctx, input) => ctx.jobs.run('tm:pretranslate', input),
  'tm:batches': (ctx, { documentId }) => tmWrites.listBatches(ctx, documentId),
  'tm:undo-batch': (ctx, { batchId }) => history.undoBatch(ctx, batchId),
  'tm:stats': (ctx) => tm.getMemoryStats(ctx),
  'tm:repetitions': (ctx, input) => ctx.jobs.run('tm:repetitions', input),
  'tm:remove': (ctx, input) => tm.removeUnits(ctx, input),

  // quality checks
  'qa:check-pair': (ctx, { pairId, target }) => qa.checkPairQa(ctx, pairId, target),
  'qa:report': (ctx, input) => ctx.jobs.run('qa:report', input),
  'qa:set-ignored': (ctx, { pairId, check, ignored }) => qa.setIgnored(ctx, pairId, check, ignored),
  'qa:get-profile': (ctx, { documentId }) => qa.getQaProfile(ctx, documentId),
  'qa:set-profile': (ctx, { documentId, disabled }) => qa.setQaProfile(ctx, documentId, disabled),
  'qa:list-words': (ctx) => qa.listUserWords(ctx),
  'qa:set-word': (ctx, { word, known }) => (known ? qa.addUserWord(ctx, word) : qa.removeUserWord(ctx, word)),

  // find & replace
  'find:preview': (ctx, input) => find.preview(ctx, input),
  'find:replace': (ctx, input) => find.replace(ctx, input),

  // glossary
  'glossary:list': (ctx, { documentId, query, limit }) => glossary.listTerms(ctx, documentId, query, limit),
  'glossary:add': (ctx, { documentId, ...term }) => glossary.addTerm(ctx, documentId, term),
  'glossary:edit': (ctx, { termId, ...term }) => glossary.editTerm(ctx, termId, term),
  'glossary:delete': (ctx, { termId }) => glossary.deleteTerm(ctx, termId),
  'glossary:set-scope': (ctx, { documentId, scope }) => glossary.setScope(ctx, documentId, scope),
  'glossary:import': (ctx, input) => glossary.importGlossary(ctx, input.documentId, input.fileName, bytes(input.dataBase64)),
  'glossary:export': (ctx, input) => glossary.exportGlossary(ctx, input.documentId, input.format, input.saveAs ?? false),
  'glossary:find': (ctx, { documentId, pairIds }) => glossary.findTerms(ctx, documentId, pairIds),

  // long jobs
  'jobs:cancel': (ctx, { jobId }) => ({ found: ctx.jobs.cancel(jobId) }),

  // MT
  'mt:set-key': (ctx, { key }) => mt.setKey(ctx, key),
  'mt:test': (ctx) => mt.testConnection(ctx),
  'mt:suggest': (ctx, { pairId }) => mt.suggest(ctx, pairId),
  'mt:set-allowed': (ctx, { documentId, allowed }) => mt.setAllowed(ctx, documentId, allowed),
  'mt:estimate': (ctx, { documentId }) => mt.estimate(ctx, documentId),
  'mt:pretranslate': (ctx, { documentId }) => mt.pretranslate(ctx, documentId),
  'mt:cancel': (ctx, { documentId }) => mt.cancel(ctx, documentId),

  'shell:open-external': async (ctx, { url }) => {
    if (!ctx.host.openExternal) throw new QalamError('unsupported');
    return { opened: await ctx.host.openExternal(url) };
  },
};
