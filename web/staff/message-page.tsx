import { Flash, StaffPage } from './layout';
import type { Actor } from '../../src/domain/people';

export interface MessagePageProps {
  title: string;
  message: string;
  actor?: Actor;
  csrf?: string;
  back?: { href: string; label: string };
}

/** A refusal or a "not yet", said in words a supervisor can act on. */
export function MessagePage({ title, message, actor, csrf, back }: MessagePageProps) {
  return (
    <StaffPage title={title} actor={actor} csrf={csrf}>
      <h1>{title}</h1>
      <Flash tone="err">{message}</Flash>
      <p>
        {back ? <a href={back.href}>{back.label}</a> : actor ? <a href="/staff/meetings">返回测评会列表</a> : null}
      </p>
    </StaffPage>
  );
}
