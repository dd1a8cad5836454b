ALTER TABLE `meetings` ADD `notice_days` integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `contact` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `issuer` text;--> statement-breakpoint
-- hand: a voided slip frees its roster place: issued counts become "issued and not voided" for slips voided before this release.
UPDATE `categories` SET `issued` = `issued` - (SELECT count(*) FROM `tokens` t WHERE t.`meeting_id` = `categories`.`meeting_id` AND t.`category` = `categories`.`key` AND t.`state` = 'void');--> statement-breakpoint
-- hand: the same for the meeting's own count (every slip, with or without a category).
UPDATE `meetings` SET `issued` = `issued` - (SELECT count(*) FROM `tokens` t WHERE t.`meeting_id` = `meetings`.`id` AND t.`state` = 'void');
