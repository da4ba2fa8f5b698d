import { MAX_REPLY_SEGMENTS, countSegments } from '../../../shared/domain/sms/segments';
import type { TimelineEvent } from '../../../shared/domain/timeline';
import type { IntakeDetail } from '../../../shared/use-cases/staff-console';
import { NOTE_MAX_LENGTH } from '../../../shared/domain/limits';
import { QUEUE_KEYS } from '../../../shared/domain/queues';
import { REASON_MAX_LENGTH } from '../../../shared/domain/timeline';
import { routingErrorName as errorNameOf, routingFailureKind } from '../../../shared/domain/routing-failure';
import { callWords, registrationWords, type SayRecord } from '../../../shared/domain/record-words';
import { watchForChanges } from '../refresh';
import { ApiError, type Api } from '../api';
import { keepDraft } from '../auth';
import { announce, form, h, show } from '../dom';
import { categoryLabel, channelLabel, dateTime, languageLabel, queueLabel, statusLabel } from '../format';
import { langOf, number, t } from '../i18n';
import { refusal } from '../refusal';
import { showFailure } from '../failure-page';

/** A call or registration entry in the staff language, said as shared/domain/record-words.ts says it in English for the stored summary. */
const sayRecord: SayRecord = (key, values) => (t as (key: string, values?: Record<string, string>) => string)(key, values);

/** A timeline entry in the staff language; what the contact wrote or was sent is marked with the intake's language. */
function describe(event: TimelineEvent, contactLanguage: string): (Node | string)[] {
  const spoken = (text: string) => h('span', langOf(contactLanguage), text);
  switch (event.type) {
    case 'note':
      return [`${t('timeline.note')} `, event.text];
    case 'status_changed':
      return [t('timeline.status', { from: statusLabel(event.from), to: statusLabel(event.to) })];
    case 'claimed':
      return [t('timeline.claimed')];
    case 'message_in':
      return [`${t('timeline.messageIn')} `, spoken(event.text)];
    case 'message_out':
      return [`${t('timeline.messageOut')} `, spoken(event.text)];
    case 'call':
      return [callWords(sayRecord, event)];
    case 'routed':
      return [t('timeline.routed')];
    case 'routing_failed':
      return [t('timeline.routingFailed', { error: routingErrorWords(event.error) }), ...routingErrorName(event.error)];
    case 'assigned':
      return [event.from ? t('timeline.assignedFrom', { to: event.to, from: event.from, reason: event.reason }) : t('timeline.assigned', { to: event.to, reason: event.reason })];
    case 'transferred':
      return [t('timeline.moved', { from: queueLabel(event.from), to: queueLabel(event.to), reason: event.reason })];
    case 'registration':
    case 'registration_status':
      return [registrationWords(sayRecord, event)];
  }
}

/**
 * One intake: its record, its timeline, and what this staff member may do with it. `newAfter` is
 * the time its "new" marks count from while the page stays open (see below).
 */
export async function intakeView(api: Api, id: string, newAfter?: string): Promise<void> {
  const detail = await api.get<IntakeDetail>(`/intakes/${id}`);
  const { intake } = detail;
  // New since this staff member's last look before the page was opened: what others (and the
  // contact) added since. On a first look ever, nothing shown is new, and what comes later is.
  // The page's own redraws are audited views too, so they keep the first render's time: marks stay
  // until the staff member opens the intake again, instead of going at the next redraw.
  // The moment of the last thing shown: the marks' start on a first look, and what the watch asks after.
  const lastShown = detail.timeline.at(-1)?.at ?? intake.updatedAt;
  const from = newAfter ?? detail.lastSeenAt ?? lastShown;
  const isNew = (event: TimelineEvent) => event.at > from && event.actor !== currentUser();
  const unread = detail.timeline.filter(isNew).length;
  // Shown again by itself or after a change: an intake that moved out of reach meanwhile says so.
  const reload = (message: string) => void intakeView(api, id, from).then(() => announce(message), showFailure);
  const act = async (request: () => Promise<unknown>, done: string) => {
    try {
      await request();
      reload(done);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) reload(t('intake.reloaded', { reason: refusal(error) }));
      else announce(refusal(error as Error), 'error');
    }
  };

  const phone = h('span', { id: 'phone' }, intake.phone ?? (intake.anonymous ? t('phone.anonymous') : t('phone.none')));
  const reveal = intake.phone
    ? h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: async () => {
            const { phone: full } = await api.get<{ phone: string | null }>(`/intakes/${id}/contact`);
            phone.textContent = full ?? t('phone.none');
            reveal?.remove();
            announce(t('intake.numberShown'));
          },
        },
        t('intake.showNumber'),
      )
    : undefined;

  const facts: [string, Node | string][] = [
    [t('intake.queue'), queueLabel(`${intake.category}-${intake.language}`)],
    [t('intake.category'), categoryLabel(intake.category)],
    [t('intake.language'), languageLabel(intake.language)],
    [t('intake.channel'), channelLabel(intake.channel)],
    [t('intake.status'), statusLabel(intake.status)],
    [t('intake.received'), dateTime(intake.createdAt)],
    [t('intake.phone'), h('span', {}, phone, ' ', reveal ?? '')],
    [t('intake.claimedBy'), intake.claimedBy ?? '—'],
    [
      t('intake.routing'),
      intake.routingDetail.state === 'routed'
        ? t('routing.routedVia', { via: t(`routing.via.${intake.routingDetail.via}`) })
        : intake.routingDetail.attempts
          ? h(
              'span',
              {},
              t('routing.failedAttempts', { attempts: intake.routingDetail.attempts, error: routingErrorWords(intake.routingDetail.lastError ?? '') }),
              ...routingErrorName(intake.routingDetail.lastError ?? ''),
            )
          : t('routing.waitingTask'),
    ],
    ...(intake.callbackAt ? ([[t('intake.callbackAt'), dateTime(intake.callbackAt)]] as [string, string][]) : []),
  ];

  const actions: Node[] = [];
  if (intake.status === 'new') {
    actions.push(h('button', { type: 'button', onclick: () => void act(() => api.post(`/intakes/${id}/claim`, { version: intake.version }), t('intake.claimed')) }, t('intake.claim')));
  }
  if (detail.canRelease) {
    // Giving a claim up is its own action: the intake goes back to the queue for someone else.
    actions.push(h('button', { type: 'button', onclick: () => void act(() => api.post(`/intakes/${id}/release`, { version: intake.version }), t('intake.released')) }, t('intake.release')));
  }
  if (detail.nextStatuses.length) {
    // No status is chosen for staff: a status change must be picked on purpose.
    const nextStatus = h('select', { id: 'next-status', required: true }, h('option', { value: '' }, t('intake.chooseStatus')), ...detail.nextStatuses.map((status) => h('option', { value: status }, statusLabel(status))));
    const statusDraft = keepDraft(nextStatus, `${id}.next-status`);
    actions.push(
      form(
        {},
        () => {
          const to = nextStatus.value;
          void act(() => api.post(`/intakes/${id}/status`, { to, version: intake.version }).then(() => statusDraft.clear()), t('intake.statusChanged', { status: statusLabel(to) }));
        },
        h('label', { for: 'next-status' }, t('intake.newStatus')),
        nextStatus,
        h('button', { type: 'submit' }, t('intake.changeStatus')),
      ),
    );
  }
  // Limits are said while typing, before sending: nothing is cut or refused by surprise.
  const note = h('textarea', { id: 'note', rows: 3, required: true, 'aria-describedby': 'note-length' });
  const noteDraft = keepDraft(note, `${id}.note`);
  const { hint: noteLength, fits: sayNoteLength } = lengthSaid(note, 'note-length', NOTE_MAX_LENGTH, 'intake.noteLength', 'intake.noteLengthOver');
  actions.push(
    form(
      {},
      () => {
        if (!sayNoteLength()) return announce(t('intake.noteTooLong'), 'error');
        void act(() => api.post(`/intakes/${id}/notes`, { text: note.value }).then(() => noteDraft.clear()), t('intake.noteAdded'));
      },
      h('label', { for: 'note' }, t('intake.note')),
      note,
      noteLength,
      h('button', { type: 'submit' }, t('intake.addNote')),
    ),
  );
  if (detail.canReply) {
    const reply = h('textarea', { id: 'reply', rows: 3, required: true, 'aria-describedby': 'reply-segments' });
    const replyDraft = keepDraft(reply, `${id}.reply`);
    const segments = h('p', { id: 'reply-segments', class: 'hint' });
    const saySegments = () => {
      const { segments: used, encoding } = countSegments(reply.value);
      const over = used > MAX_REPLY_SEGMENTS;
      const values = { used, max: MAX_REPLY_SEGMENTS, encoding };
      segments.textContent = over ? t('intake.segmentsOver', values) : t('intake.segments', values);
      segments.className = over ? 'field-error' : 'hint';
      return !over;
    };
    saySegments();
    reply.addEventListener('input', saySegments);
    actions.push(
      form(
        {},
        () => {
          if (!saySegments()) return announce(t('intake.replyTooLong'), 'error');
          void act(() => api.post(`/intakes/${id}/reply`, { text: reply.value }).then(() => replyDraft.clear()), t('intake.replied'));
        },
        h('label', { for: 'reply' }, t('intake.reply')),
        reply,
        segments,
        h('button', { type: 'submit' }, t('intake.send')),
      ),
    );
  }

  // Whoever works a victim services intake may register its caller for notices (the same category rule).
  if (intake.category === 'victim') {
    actions.push(h('p', {}, h('a', { href: `#/cases?intake=${id}&language=${intake.language}`, class: 'button' }, t('registration.action'))));
  }
  if (detail.canAssign) actions.push(await assignForm(api, detail, act));
  if (detail.canTransfer) {
    const queue = `${intake.category}-${intake.language}`;
    const moveTo = h('select', { id: 'move-to', required: true }, h('option', { value: '' }, t('move.choose')), ...QUEUE_KEYS.filter((key) => key !== queue).map((key) => h('option', { value: key }, queueLabel(key))));
    const moveReason = h('textarea', { id: 'move-reason', rows: 2, required: true, 'aria-describedby': 'move-reason-length' });
    const moveDrafts = [keepDraft(moveTo, `${id}.move-to`), keepDraft(moveReason, `${id}.move-reason`)];
    const moveLength = lengthSaid(moveReason, 'move-reason-length', REASON_MAX_LENGTH, 'intake.reasonLength', 'move.reasonLengthOver');
    actions.push(
      form(
        {},
        () => {
          if (!moveLength.fits()) return announce(t('move.reasonTooLong'), 'error');
          const to = moveTo.value;
          const reason = moveReason.value;
          void api
            .post<{ canStillOpen: boolean }>(`/intakes/${id}/transfer`, { to, reason, version: intake.version })
            .then(({ canStillOpen }) => {
              for (const draft of moveDrafts) draft.clear();
              if (canStillOpen) return reload(t('move.here', { queue: queueLabel(to) }));
              // Out of this staff member's reach now: back to the queue it left.
              location.hash = `#/queues/${queue}`;
              setTimeout(() => announce(t('move.away', { queue: queueLabel(to) })), 0);
            })
            .catch((error: unknown) => {
              if (error instanceof ApiError && error.status === 409) reload(t('intake.reloaded', { reason: refusal(error) }));
              else announce(refusal(error as Error), 'error');
            });
        },
        h('h3', {}, t('move.heading')),
        h('label', { for: 'move-to' }, t('move.to')),
        moveTo,
        h('label', { for: 'move-reason' }, t('move.reason')),
        moveReason,
        moveLength.hint,
        h('button', { type: 'submit' }, t('move.button')),
      ),
    );
  }

  // A call's summary is said again in the staff language from its call entry; a text's summary is
  // the texter's words, in the intake's language (marked so for screen readers).
  const call = intake.channel === 'voice' ? detail.timeline.find((event): event is Extract<TimelineEvent, { type: 'call' }> => event.type === 'call') : undefined;
  const summary = call
    ? h('p', { class: 'summary' }, callWords(sayRecord, call))
    : intake.summary
      ? h('p', { class: 'summary', ...langOf(intake.channel === 'voice' ? 'en' : intake.language) }, intake.summary)
      : h('p', { class: 'summary' }, t('intake.noSummary'));
  show(
    t('intake.title', { id: intake.id }),
    h('dl', { class: 'facts' }, ...facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    h('h2', {}, t('intake.summary')),
    summary,
    h('h2', {}, t('intake.actions')),
    h('div', { class: 'actions' }, ...actions),
    h('h2', {}, t('intake.timeline')),
    ...(unread ? [h('p', { class: 'unread-count' }, t('new.unreadCount', { count: unread }))] : []),
    detail.timeline.length
      ? h(
          'ol',
          { class: 'timeline' },
          ...detail.timeline.map((event) =>
            h(
              'li',
              isNew(event) ? { class: 'unread' } : {},
              isNew(event) ? h('strong', { class: 'new-mark' }, `${t('new.unread')}: `) : '',
              h('time', { datetime: event.at }, dateTime(event.at)),
              ` ${actorName(event.actor)}: `,
              ...describe(event, intake.language),
            ),
          ),
        )
      : h('p', {}, t('intake.nothingYet')),
  );
  // A new text or change shows by itself: the page asks what changed (not an audited view) and
  // opens the intake again only when something did. Nothing typed is lost: drafts are kept.
  // `since` counts the events at that very moment too (two can share a millisecond, one shown,
  // one not yet): more than those already shown is news.
  watchForChanges(async () => {
    const changes = await api
      .get<{ version: number; newEvents: number }>(`/intakes/${id}/changes?since=${encodeURIComponent(lastShown)}`)
      // Moved to a queue this staff member does not work, or closed to them: that is a change too.
      .catch((error: unknown) => {
        if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return undefined;
        throw error;
      });
    if (!changes) return true;
    const shown = detail.timeline.filter((event) => event.at >= lastShown).length;
    return changes.version !== intake.version || changes.newEvents > shown;
  }, () => reload(t('new.refreshed', { what: t('new.events') })));
}

/**
 * A field's limit, said while typing (its characters out of the limit, as the API counts them:
 * trimmed) and in error words once over it; `fits` says it again and whether it may be sent.
 * Nothing is cut: a pasted text over the limit stays whole, to be shortened by its writer.
 */
function lengthSaid(
  field: HTMLTextAreaElement,
  id: string,
  max: number,
  within: 'intake.noteLength' | 'intake.reasonLength',
  over: 'intake.noteLengthOver' | 'move.reasonLengthOver' | 'assign.reasonLengthOver',
): { hint: HTMLParagraphElement; fits: () => boolean } {
  const hint = h('p', { id, class: 'hint' });
  const fits = () => {
    const used = field.value.trim().length;
    const values = { used: number(used), max: number(max) };
    hint.textContent = used > max ? t(over, values) : t(within, values);
    hint.className = used > max ? 'field-error' : 'hint';
    return used <= max;
  };
  fits();
  field.addEventListener('input', fits);
  return { hint, fits };
}

/** Who did it: a staff member by username; the line itself, a caller or a texter in words. */
function actorName(actor: string): string {
  return actor === 'system' || actor === 'caller' || actor === 'texter' || actor === 'contact' ? t(`actor.${actor}`) : actor;
}

function currentUser(): string | undefined {
  return document.getElementById('account')?.dataset.username;
}

/** A supervisor's form to give the intake to a colleague of its category. */
async function assignForm(api: Api, detail: IntakeDetail, act: (request: () => Promise<unknown>, done: string) => Promise<void>): Promise<Node> {
  const { intake } = detail;
  const { assignees } = await api.get<{ assignees: string[] }>(`/intakes/${intake.id}/assignees`);
  const choices = assignees.filter((name) => name !== intake.claimedBy);
  if (!choices.length) return h('p', {}, t('assign.noColleagues'));
  const assignee = h('select', { id: 'assignee', required: true }, h('option', { value: '' }, t('assign.choose')), ...choices.map((name) => h('option', { value: name }, name)));
  const assignReason = h('textarea', { id: 'assign-reason', rows: 2, required: true, 'aria-describedby': 'assign-reason-length' });
  const drafts = [keepDraft(assignee, `${intake.id}.assignee`), keepDraft(assignReason, `${intake.id}.assign-reason`)];
  const length = lengthSaid(assignReason, 'assign-reason-length', REASON_MAX_LENGTH, 'intake.reasonLength', 'assign.reasonLengthOver');
  return form(
    {},
    () => {
      if (!length.fits()) return announce(t('assign.reasonTooLong'), 'error');
      const to = assignee.value;
      const reason = assignReason.value;
      void act(() => api.post(`/intakes/${intake.id}/assign`, { assignee: to, reason, version: intake.version }).then(() => drafts.forEach((draft) => draft.clear())), t('assign.done', { to }));
    },
    h('h3', {}, t('assign.heading')),
    h('label', { for: 'assignee' }, t('assign.assignee')),
    assignee,
    h('label', { for: 'assign-reason' }, t('assign.reason')),
    assignReason,
    length.hint,
    h('button', { type: 'submit' }, t('assign.button')),
  );
}

/** Why a Connect task could not be made, in the staff member's words. */
function routingErrorWords(error: string): string {
  return t(`routing.error.${routingFailureKind(error)}`);
}

/** The SDK's name for that error (`ThrottlingException`), for whoever looks into it with an administrator. */
function routingErrorName(error: string): Node[] {
  const name = errorNameOf(error);
  return name ? [document.createTextNode(' '), h('code', { lang: 'en' }, name)] : [];
}
