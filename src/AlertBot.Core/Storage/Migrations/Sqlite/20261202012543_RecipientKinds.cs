using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AlertBot.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecipientKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Recipients made before the kind was stored: the sandbox's group chats are the ids that start with '-'
            // (the only platform there was; its own rule for its chats).
            migrationBuilder.Sql("UPDATE \"Recipients\" SET \"Kind\" = 'Group' WHERE \"Platform\" = 'sandbox' AND \"ChatId\" LIKE '-%'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"Recipients\" SET \"Kind\" = 'Private'");
        }
    }
}
