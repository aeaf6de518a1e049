import { splitPositions, tailStart } from '../lib/middle-truncate.js';
import '../styles/middle-truncate.css';
import { Highlight } from './Highlight.js';

/**
 * `text` cut in the middle when its box is too narrow (start … end), with matched characters
 * marked in whichever part they fall. Pure CSS (see lib/middle-truncate.ts): the parent only
 * has to give it a width, e.g. as a flex or grid item with `min-width: 0`.
 */
export function MiddleTruncate({
  text,
  positions,
  className,
}: {
  text: string;
  positions?: readonly number[] | undefined;
  className?: string;
}) {
  const start = tailStart(text);
  const classes = className ? `middle-truncate ${className}` : 'middle-truncate';
  if (start === undefined) {
    return (
      <span className={`${classes} middle-truncate--whole`}>
        <Highlight text={text} positions={positions} />
      </span>
    );
  }
  const [head, tail] = splitPositions(positions, start);
  return (
    <span className={classes}>
      <span className="middle-truncate__head">
        <Highlight text={text.slice(0, start)} positions={head} />
      </span>
      <span className="middle-truncate__tail">
        <Highlight text={text.slice(start)} positions={tail} />
      </span>
    </span>
  );
}
