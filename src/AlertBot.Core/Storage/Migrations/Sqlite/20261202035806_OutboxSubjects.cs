using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AlertBot.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxSubjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SentMessages_EventId_RecipientId_Part",
                table: "SentMessages");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_EventId",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_RecipientId_EventId_Kind",
                table: "Outbox");

            migrationBuilder.RenameColumn(
                name: "EventId",
                table: "SentMessages",
                newName: "SubjectId");

            migrationBuilder.RenameColumn(
                name: "EventId",
                table: "Outbox",
                newName: "SubjectId");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "SentMessages",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "alert"); // every message sent before this migration carried an event's alert

            migrationBuilder.CreateIndex(
                name: "IX_SentMessages_SubjectId_Kind_RecipientId_Part",
                table: "SentMessages",
                columns: new[] { "SubjectId", "Kind", "RecipientId", "Part" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_RecipientId_Kind_SubjectId",
                table: "Outbox",
                columns: new[] { "RecipientId", "Kind", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_SubjectId_Kind",
                table: "Outbox",
                columns: new[] { "SubjectId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SentMessages_SubjectId_Kind_RecipientId_Part",
                table: "SentMessages");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_RecipientId_Kind_SubjectId",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_SubjectId_Kind",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "SentMessages");

            migrationBuilder.RenameColumn(
                name: "SubjectId",
                table: "SentMessages",
                newName: "EventId");

            migrationBuilder.RenameColumn(
                name: "SubjectId",
                table: "Outbox",
                newName: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_SentMessages_EventId_RecipientId_Part",
                table: "SentMessages",
                columns: new[] { "EventId", "RecipientId", "Part" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_EventId",
                table: "Outbox",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_RecipientId_EventId_Kind",
                table: "Outbox",
                columns: new[] { "RecipientId", "EventId", "Kind" },
                unique: true);
        }
    }
}
