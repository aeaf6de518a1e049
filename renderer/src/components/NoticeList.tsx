import type { Notice } from '../../../electron/core/domain/views.js';
import { useCommand } from '../hooks/useCommand.js';
import { ErrorMessage } from './ErrorMessage.js';
import { Icon } from './Icon.js';
import { TimeAgo } from './TimeAgo.js';

const TONE: Record<Notice['kind'], 'info' | 'warn' | 'bad'> = {
  'assignments-changed': 'info',
  sync: 'info',
  'session-ending': 'warn',
  'sign-in-needed': 'bad',
  error: 'bad',
};

function NoticeItem({ notice }: { notice: Notice }) {
  const command = useCommand();
  const tone = TONE[notice.kind];
  return (
    <li className={`notice notice--${tone}`}>
      <Icon name={tone === 'info' ? 'info' : 'alert'} />
      <div className="notice__text">
        <p className="notice__title">
          {notice.title}
          <span className="notice__when">
            {' · '}
            <TimeAgo at={notice.at} />
          </span>
        </p>
        <p className="notice__body">{notice.body}</p>
        <ErrorMessage error={command.error} />
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label={`Dismiss: ${notice.title}`}
        disabled={command.pending}
        onClick={() => void command.run(() => window.lanyard.dismissNotice(notice.id))}
      >
        <Icon name="close" />
      </button>
    </li>
  );
}

/** Assignment changes and other notices (dismissable), and config problems to fix. */
export function NoticeList({ notices, problems }: { notices: readonly Notice[]; problems: readonly string[] }) {
  if (notices.length === 0 && problems.length === 0) return null;
  return (
    <ul className="notices" aria-label="Notices">
      {problems.map((problem) => (
        <li key={problem} className="notice notice--warn">
          <Icon name="alert" />
          <div className="notice__text">
            <p className="notice__title">Configuration problem</p>
            <p className="notice__body">{problem}</p>
          </div>
        </li>
      ))}
      {notices.map((notice) => (
        <NoticeItem key={notice.id} notice={notice} />
      ))}
    </ul>
  );
}
