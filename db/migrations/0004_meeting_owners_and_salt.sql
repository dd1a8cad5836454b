CREATE TABLE `meeting_supervisors` (
	`meeting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`added_at` text NOT NULL,
	PRIMARY KEY(`meeting_id`, `user_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_supervisors_user` ON `meeting_supervisors` (`user_id`);--> statement-breakpoint
ALTER TABLE `meetings` ADD `ballot_salt` text;--> statement-breakpoint
-- hand: meetings made before this release get their own random salt (their close events carry no digest; a later close would)
UPDATE `meetings` SET `ballot_salt` = lower(hex(randomblob(32))) WHERE `ballot_salt` IS NULL;