import { MAX_REPLY_SEGMENTS, countSegments } from '../../../shared/domain/sms/segments';
import type { TimelineEvent } from '../../../shared/domain/timeline';
import type { IntakeDetail } from '../../../shared/use-cases/staff-console';
import { NOTE_MAX_LENGTH } from '../../../shared/domain/limits';
import { QUEUE_KEYS } from '../../../shared/domain/queues';
import { SUPERVISOR_VIEW_WORDS as WORDS } from '../../../shared/domain/staff-words';
import { REASON_MAX_LENGTH } from '../../../shared/domain/timeline';
import { callSummary } from '../../../shared/domain/call-record';
import { registrationWords } from '../../../shared/domain/registration-record';
import { REGISTRATION_WORDS } from '../../../shared/domain/staff-words';
import { NEW_WORK_WORDS, fill } from '../../../shared/domain/staff-words';
import { watchForChanges } from '../refresh';
import { ApiError, type Api } from '../api';
import { keepDraft } from '../auth';
import { announce, form, h, show } from '../dom';
import { CATEGORY_LABELS, CHANNEL_LABELS, LANGUAGE_LABELS, STATUS_LABELS, dateTime, queueLabel } from '../format';

function describe(event: TimelineEvent): string {
  switch (event.type) {
    case 'note':
      return `Note: ${event.text}`;
    case 'status_changed':
      return `Status: ${STATUS_LABELS[event.from]} → ${STATUS_LABELS[event.to]}`;
    case 'claimed':
      return 'Claimed';
    case 'message_in':
      return `Text from the contact: ${event.text}`;
    case 'message_out':
      return `Text to the contact: ${event.text}`;
    case 'call':
      return callSummary(event);
    case 'routed':
      return 'Sent to the Connect queue as a task';
    case 'routing_failed':
      return `Could not create the Connect task (will retry): ${event.error}`;
    case 'assigned':
      return WORDS.timelineAssigned(event.to, event.from, event.reason);
    case 'transferred':
      return WORDS.timelineMoved(queueLabel(event.from), queueLabel(event.to), event.reason);
    case 'registration':
    case 'registration_status':
      return registrationWords(event);
  }
}

/** One intake: its record, its timeline, and what this staff member may do with it. */
export async function intakeView(api: Api, id: string): Promise<void> {
  const detail = await api.get<IntakeDetail>(`/intakes/${id}`);
  const { intake } = detail;
  // New since this staff member's last look: what others (and the contact) added since.
  const isNew = (event: TimelineEvent) => detail.lastSeenAt !== undefined && event.at > detail.lastSeenAt && event.actor !== currentUser();
  const unread = detail.timeline.filter(isNew).length;
  const reload = (message: string) => void intakeView(api, id).then(() => announce(message));
  const act = async (request: () => Promise<unknown>, done: string) => {
    try {
      await request();
      reload(done);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) reload(`${error.message}. The intake has been reloaded.`);
      else announce((error as Error).message, 'error');
    }
  };

  const phone = h('span', { id: 'phone' }, intake.phone ?? (intake.anonymous ? 'Anonymous' : 'None'));
  const reveal = intake.phone
    ? h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: async () => {
            const { phone: full } = await api.get<{ phone: string | null }>(`/intakes/${id}/contact`);
            phone.textContent = full ?? 'None';
            reveal?.remove();
            announce('Number shown. This view is recorded in the audit trail.');
          },
        },
        'Show full number',
      )
    : undefined;

  const facts: [string, Node | string][] = [
    ['Queue', queueLabel(`${intake.category}-${intake.language}`)],
    ['Category', CATEGORY_LABELS[intake.category]!],
    ['Language', LANGUAGE_LABELS[intake.language]!],
    ['Channel', CHANNEL_LABELS[intake.channel]!],
    ['Status', STATUS_LABELS[intake.status]!],
    ['Received', dateTime(intake.createdAt)],
    ['Phone', h('span', {}, phone, ' ', reveal ?? '')],
    ['Claimed by', intake.claimedBy ?? '—'],
    [
      'Routing',
      intake.routingDetail.state === 'routed'
        ? `In Connect (${intake.routingDetail.via})`
        : `Waiting for a Connect task${intake.routingDetail.attempts ? `, ${intake.routingDetail.attempts} failed attempt(s): ${intake.routingDetail.lastError ?? ''}` : ''}`,
    ],
    ...(intake.callbackAt ? ([['Call back at', dateTime(intake.callbackAt)]] as [string, string][]) : []),
  ];

  const actions: Node[] = [];
  if (intake.status === 'new') {
    actions.push(h('button', { type: 'button', onclick: () => void act(() => api.post(`/intakes/${id}/claim`, { version: intake.version }), 'Claimed.') }, 'Claim'));
  }
  if (detail.canRelease) {
    // Giving a claim up is its own action: the intake goes back to the queue for someone else.
    actions.push(h('button', { type: 'button', onclick: () => void act(() => api.post(`/intakes/${id}/release`, { version: intake.version }), 'Released to the queue.') }, 'Release'));
  }
  if (detail.nextStatuses.length) {
    actions.push(
      form(
        {},
        () => {
          const to = (document.getElementById('next-status') as HTMLSelectElement).value;
          void act(() => api.post(`/intakes/${id}/status`, { to, version: intake.version }), `Status changed to ${STATUS_LABELS[to]}.`);
        },
        h('label', { for: 'next-status' }, 'New status'),
        // No status is chosen for staff: a status change must be picked on purpose.
        h('select', { id: 'next-status', required: true }, h('option', { value: '' }, 'Choose a status'), ...detail.nextStatuses.map((status) => h('option', { value: status }, STATUS_LABELS[status]!))),
        h('button', { type: 'submit' }, 'Change status'),
      ),
    );
  }
  // Limits are said while typing, before sending: nothing is cut or refused by surprise.
  const note = h('textarea', { id: 'note', rows: 3, required: true, 'aria-describedby': 'note-length' });
  const noteDraft = keepDraft(note, `${id}.note`);
  const noteLength = h('p', { id: 'note-length', class: 'hint' });
  const sayNoteLength = () => {
    const over = note.value.trim().length > NOTE_MAX_LENGTH;
    noteLength.textContent = `${note.value.trim().length.toLocaleString('en-US')} of ${NOTE_MAX_LENGTH.toLocaleString('en-US')} characters${over ? ': too long, shorten it to add it' : ''}`;
    noteLength.className = over ? 'field-error' : 'hint';
    return !over;
  };
  sayNoteLength();
  note.addEventListener('input', sayNoteLength);
  actions.push(
    form(
      {},
      () => {
        if (!sayNoteLength()) return announce('The note is too long to add.', 'error');
        void act(() => api.post(`/intakes/${id}/notes`, { text: note.value }).then(() => noteDraft.clear()), 'Note added.');
      },
      h('label', { for: 'note' }, 'Note'),
      note,
      noteLength,
      h('button', { type: 'submit' }, 'Add note'),
    ),
  );
  if (detail.canReply) {
    const reply = h('textarea', { id: 'reply', rows: 3, required: true, 'aria-describedby': 'reply-segments' });
    const replyDraft = keepDraft(reply, `${id}.reply`);
    const segments = h('p', { id: 'reply-segments', class: 'hint' });
    const saySegments = () => {
      const { segments: used, encoding } = countSegments(reply.value);
      const over = used > MAX_REPLY_SEGMENTS;
      segments.textContent = `${used} of ${MAX_REPLY_SEGMENTS} text segments (${encoding})${over ? ': too long for one reply, shorten it to send it' : ''}`;
      segments.className = over ? 'field-error' : 'hint';
      return !over;
    };
    saySegments();
    reply.addEventListener('input', saySegments);
    actions.push(
      form(
        {},
        () => {
          if (!saySegments()) return announce('The text is too long to send.', 'error');
          void act(() => api.post(`/intakes/${id}/reply`, { text: reply.value }).then(() => replyDraft.clear()), 'Text queued to the contact.');
        },
        h('label', { for: 'reply' }, 'Reply by text'),
        reply,
        segments,
        h('button', { type: 'submit' }, 'Send text'),
      ),
    );
  }

  // Whoever works a victim services intake may register its caller for notices (the same category rule).
  if (intake.category === 'victim') {
    actions.push(h('p', {}, h('a', { href: `#/cases?intake=${id}&language=${intake.language}`, class: 'button' }, REGISTRATION_WORDS.action)));
  }
  if (detail.canAssign) actions.push(await assignForm(api, detail, act));
  if (detail.canTransfer) {
    const queue = `${intake.category}-${intake.language}`;
    actions.push(
      form(
        {},
        () => {
          const to = (document.getElementById('move-to') as HTMLSelectElement).value;
          const reason = (document.getElementById('move-reason') as HTMLTextAreaElement).value;
          void api
            .post<{ canStillOpen: boolean }>(`/intakes/${id}/transfer`, { to, reason, version: intake.version })
            .then(({ canStillOpen }) => {
              if (canStillOpen) return reload(WORDS.movedHere(queueLabel(to)));
              // Out of this staff member's reach now: back to the queue it left.
              location.hash = `#/queues/${queue}`;
              setTimeout(() => announce(WORDS.movedAway(queueLabel(to))), 0);
            })
            .catch((error: unknown) => {
              if (error instanceof ApiError && error.status === 409) reload(`${error.message}. The intake has been reloaded.`);
              else announce((error as Error).message, 'error');
            });
        },
        h('h3', {}, WORDS.moveHeading),
        h('label', { for: 'move-to' }, WORDS.moveTo),
        h('select', { id: 'move-to', required: true }, h('option', { value: '' }, WORDS.chooseQueue), ...QUEUE_KEYS.filter((key) => key !== queue).map((key) => h('option', { value: key }, queueLabel(key)))),
        h('label', { for: 'move-reason' }, WORDS.moveReason),
        h('textarea', { id: 'move-reason', rows: 2, required: true, maxlength: REASON_MAX_LENGTH }),
        h('button', { type: 'submit' }, WORDS.moveButton),
      ),
    );
  }

  show(
    `Intake ${intake.id}`,
    h('dl', { class: 'facts' }, ...facts.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    h('h2', {}, 'Summary'),
    h('p', { class: 'summary' }, intake.summary || 'No summary.'),
    h('h2', {}, 'Actions'),
    h('div', { class: 'actions' }, ...actions),
    h('h2', {}, 'Timeline'),
    ...(unread ? [h('p', { class: 'unread-count' }, fill(NEW_WORK_WORDS.unreadCount, { count: String(unread) }))] : []),
    detail.timeline.length
      ? h(
          'ol',
          { class: 'timeline' },
          ...detail.timeline.map((event) =>
            h(
              'li',
              isNew(event) ? { class: 'unread' } : {},
              isNew(event) ? h('strong', { class: 'new-mark' }, `${NEW_WORK_WORDS.unread}: `) : '',
              h('time', { datetime: event.at }, dateTime(event.at)),
              ` ${event.actor}: `,
              describe(event),
            ),
          ),
        )
      : h('p', {}, 'Nothing yet.'),
  );
  // A new text or change shows by itself: the page asks what changed (not an audited view) and
  // opens the intake again only when something did. Nothing typed is lost: drafts are kept.
  watchForChanges(async () => {
    const changes = await api.get<{ version: number; newEvents: number }>(`/intakes/${id}/changes?since=${encodeURIComponent(lastEventAt(detail.timeline) ?? intake.updatedAt)}`);
    return changes.version !== intake.version || changes.newEvents > 0;
  }, () => reload(fill(NEW_WORK_WORDS.refreshed, { what: NEW_WORK_WORDS.newEvents })));
}

function lastEventAt(timeline: TimelineEvent[]): string | undefined {
  return timeline.at(-1)?.at;
}

function currentUser(): string | undefined {
  return document.getElementById('account')?.dataset.username;
}

/** A supervisor's form to give the intake to a colleague of its category. */
async function assignForm(api: Api, detail: IntakeDetail, act: (request: () => Promise<unknown>, done: string) => Promise<void>): Promise<Node> {
  const { intake } = detail;
  const { assignees } = await api.get<{ assignees: string[] }>(`/intakes/${intake.id}/assignees`);
  const choices = assignees.filter((name) => name !== intake.claimedBy);
  if (!choices.length) return h('p', {}, WORDS.noColleagues);
  return form(
    {},
    () => {
      const assignee = (document.getElementById('assignee') as HTMLSelectElement).value;
      const reason = (document.getElementById('assign-reason') as HTMLTextAreaElement).value;
      void act(() => api.post(`/intakes/${intake.id}/assign`, { assignee, reason, version: intake.version }), WORDS.assigned(assignee));
    },
    h('h3', {}, WORDS.assignHeading),
    h('label', { for: 'assignee' }, WORDS.assignee),
    h('select', { id: 'assignee', required: true }, h('option', { value: '' }, WORDS.chooseAssignee), ...choices.map((name) => h('option', { value: name }, name))),
    h('label', { for: 'assign-reason' }, WORDS.assignReason),
    h('textarea', { id: 'assign-reason', rows: 2, required: true, maxlength: REASON_MAX_LENGTH }),
    h('button', { type: 'submit' }, WORDS.assignButton),
  );
}
